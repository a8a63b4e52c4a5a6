package dev.rehome.jdbc.fence;

import dev.rehome.core.Identifiers;
import dev.rehome.jdbc.fence.LiftReport.Outcome;
import dev.rehome.jdbc.fence.LiftReport.Status;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a {@link FenceHandle}'s actions in reverse order, each through the first login the server accepts and
 * in a maintenance database, never the fenced one. Every undo is tried whatever failed before it, and each is
 * harmless when its action was never applied or is already undone, so a lift after a crash, half-way through a
 * fence, or twice, ends in the same place: the app's login, CONNECT and password as they were before.
 */
final class FenceLifter {
    private static final Logger LOG = LoggerFactory.getLogger(FenceLifter.class);

    private final FenceSessions sessions;

    FenceLifter(FenceSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    LiftReport lift(FenceHandle handle, FenceCredentials creds) {
        List<FenceAction> reversed = new ArrayList<>(handle.actions());
        java.util.Collections.reverse(reversed);
        List<Outcome> outcomes = new ArrayList<>();
        for (FenceAction a : reversed) {
            Outcome o;
            try {
                o = undo(handle, creds, a);
            } catch (SQLException | RuntimeException e) {
                o = new Outcome(a.describe(), Status.FAILED, FenceSql.reason(e));
            }
            LOG.info("lift {}: {}", handle.database(), o);
            outcomes.add(o);
        }
        return new LiftReport(outcomes);
    }

    private Outcome undo(FenceHandle h, FenceCredentials creds, FenceAction a) throws SQLException {
        if (a instanceof FenceAction.TerminateSessions) {
            return new Outcome(a.describe(), Status.NOTHING_TO_UNDO, "ended sessions are not restored; clients reconnect");
        }
        if (a instanceof FenceAction.RotatePassword r) {
            return restorePassword(h, creds, r);
        }
        // A role cannot drop itself; any other undo may run as any login the server still accepts (a role made
        // NOLOGIN is simply refused, and after a first lift it is the one left that can log in).
        String excluded = a instanceof FenceAction.CreateMigrationRole m ? m.role() : null;
        try (FenceSessions.Session s = sessions.openMaintenance(creds, FenceSessions.candidates(h, creds, excluded))) {
            Connection c = s.connection();
            String as = "as '" + s.login().role() + "'";
            if (a instanceof FenceAction.DisableLogin d) {
                if (FenceSql.queryBoolean(c, "SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = ?", d.role())) {
                    return new Outcome(a.describe(), Status.NOTHING_TO_UNDO, "'" + d.role() + "' can log in " + as);
                }
                FenceSql.execute(c, "ALTER ROLE " + Identifiers.quote(d.role()) + " LOGIN");
                return new Outcome(a.describe(), Status.UNDONE, as);
            }
            if (a instanceof FenceAction.RevokePublicConnect r) {
                if (FenceSql.queryBoolean(c, "SELECT pg_catalog.has_database_privilege('public', ?, 'CONNECT')",
                        r.database())) {
                    return new Outcome(a.describe(), Status.NOTHING_TO_UNDO, "PUBLIC has CONNECT " + as);
                }
                FenceSql.execute(c, "GRANT CONNECT ON DATABASE " + Identifiers.quote(r.database()) + " TO PUBLIC");
                return new Outcome(a.describe(), Status.UNDONE, as);
            }
            if (a instanceof FenceAction.RevokeRoleConnect r) {
                if (FenceSql.queryBoolean(c, CredentialShapeReader.CONNECT_HELD
                        + "(SELECT oid FROM pg_catalog.pg_roles WHERE rolname = ?))", r.database(), r.role())) {
                    return new Outcome(a.describe(), Status.NOTHING_TO_UNDO, "'" + r.role() + "' has CONNECT " + as);
                }
                FenceSql.execute(c, "GRANT CONNECT ON DATABASE " + Identifiers.quote(r.database()) + " TO "
                        + Identifiers.quote(r.role()));
                return new Outcome(a.describe(), Status.UNDONE, as);
            }
            FenceAction.CreateMigrationRole m = (FenceAction.CreateMigrationRole) a;
            if (!FenceSql.queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?)", m.role())) {
                return new Outcome(a.describe(), Status.NOTHING_TO_UNDO, "no role '" + m.role() + "' " + as);
            }
            FenceSql.queryBoolean(c, "SELECT bool_and(pg_catalog.pg_terminate_backend(pid, 5000)) "
                    + "FROM pg_catalog.pg_stat_activity WHERE usename = ?", m.role());
            FenceSql.execute(c, "DROP ROLE IF EXISTS " + Identifiers.quote(m.role()));
            return new Outcome(a.describe(), Status.UNDONE, as);
        }
    }

    /** As the role itself: with the fence secret while rotated, with the original once already restored. */
    private Outcome restorePassword(FenceHandle h, FenceCredentials creds, FenceAction.RotatePassword r)
            throws SQLException {
        FenceLogin original = creds.login(r.role()).orElse(null);
        if (original == null || original.password().isEmpty()) {
            return new Outcome(r.describe(), Status.FAILED, "the original password of '" + r.role()
                    + "' is needed to restore it (the app's connection Secret)");
        }
        List<FenceSessions.Login> asItself = List.of(
                new FenceSessions.Login(r.role(), creds.fenceSecret(), "with the fence secret"),
                new FenceSessions.Login(r.role(), original.password(), original.origin()));
        try (FenceSessions.Session s = sessions.openMaintenance(creds, asItself)) {
            FenceSql.setPassword(s.connection(), r.role(), original.password());
            return new Outcome(r.describe(), Status.UNDONE, "as '" + r.role() + "' " + s.login().what());
        }
    }
}
