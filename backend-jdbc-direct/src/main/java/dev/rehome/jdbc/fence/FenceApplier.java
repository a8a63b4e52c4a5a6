package dev.rehome.jdbc.fence;

import dev.rehome.core.Identifiers;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.UnreachableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link FenceHandle}'s actions in order. Every session the fence works through is opened first, with
 * the held (original) logins and in a maintenance database: a terminator that is the app's own login must be in
 * before CONNECT is revoked from it, and the operator that rotates its own password stays in on the old one.
 */
final class FenceApplier {
    private static final Logger LOG = LoggerFactory.getLogger(FenceApplier.class);

    private final FenceSessions sessions;
    private final SessionSweeper sweeper;

    FenceApplier(FenceSessions sessions, SessionSweeper sweeper) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.sweeper = Objects.requireNonNull(sweeper, "sweeper");
    }

    void apply(FenceHandle handle, FenceCredentials creds) {
        Map<String, FenceSessions.Session> open = new HashMap<>();
        try {
            open.put(handle.operatorRole(), openHeld(handle, creds, handle.operatorRole()));
            for (FenceAction a : handle.actions()) {
                if (a instanceof FenceAction.TerminateSessions t && !open.containsKey(t.executor())) {
                    open.put(t.executor(), openHeld(handle, creds, t.executor()));
                }
            }
            Set<Integer> ownPids = new HashSet<>();
            open.values().forEach(s -> ownPids.add(s.pid()));
            Connection operator = open.get(handle.operatorRole()).connection();
            for (FenceAction a : handle.actions()) {
                LOG.info("fence {}: {}", handle.database(), a.describe());
                if (a instanceof FenceAction.TerminateSessions t) {
                    List<String> left = sweeper.sweep(open.get(t.executor()).connection(), t.database(), t.roles(),
                            ownPids);
                    if (!left.isEmpty()) {
                        throw new OperationFailedException("sessions are still connected after the fence's"
                                + " terminate step, which '" + t.executor() + "' may not end: " + left);
                    }
                } else {
                    applyOne(operator, a, creds);
                }
            }
        } catch (SQLException e) {
            throw new OperationFailedException("applying the source fence failed: " + FenceSql.reason(e), e);
        } finally {
            open.values().forEach(FenceSessions.Session::close);
        }
    }

    /**
     * The held login of {@code role}; on a rerun after a crash half-way, that login may already be fenced (its
     * password rotated, or NOLOGIN with the migration role in place), so rehome's session login with the fence
     * secret is the fallback, which makes applying a handle again complete it instead of failing.
     */
    private FenceSessions.Session openHeld(FenceHandle handle, FenceCredentials creds, String role) {
        FenceLogin held = creds.login(role).orElseThrow(() -> new UnreachableException(
                "the fence needs the login of '" + role + "', which was not given"));
        List<FenceSessions.Login> logins = new ArrayList<>();
        logins.add(new FenceSessions.Login(role, held.password(), held.origin()));
        if (handle.sessionUsesFenceSecret()) {
            logins.add(new FenceSessions.Login(handle.sessionRole(), creds.fenceSecret(), "with the fence secret"));
        }
        return sessions.openMaintenance(creds, logins);
    }

    private static void applyOne(Connection c, FenceAction a, FenceCredentials creds) throws SQLException {
        if (a instanceof FenceAction.CreateMigrationRole m) {
            String role = Identifiers.quote(m.role());
            if (!FenceSql.queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?)",
                    m.role())) {
                // NOLOGIN until the password is set: under trust rules a passwordless LOGIN role would be open.
                FenceSql.execute(c, "CREATE ROLE " + role + " NOLOGIN");
            }
            FenceSql.execute(c, "ALTER ROLE " + role + (m.superuser() ? " SUPERUSER" : " NOSUPERUSER"));
            FenceSql.setPassword(c, m.role(), creds.fenceSecret());
            FenceSql.execute(c, "ALTER ROLE " + role + " LOGIN");
        } else if (a instanceof FenceAction.DisableLogin d) {
            FenceSql.execute(c, "ALTER ROLE " + Identifiers.quote(d.role()) + " NOLOGIN");
        } else if (a instanceof FenceAction.RevokePublicConnect r) {
            FenceSql.execute(c, "REVOKE CONNECT ON DATABASE " + Identifiers.quote(r.database()) + " FROM PUBLIC");
        } else if (a instanceof FenceAction.RevokeRoleConnect r) {
            FenceSql.execute(c, "REVOKE CONNECT ON DATABASE " + Identifiers.quote(r.database()) + " FROM "
                    + Identifiers.quote(r.role()));
        } else if (a instanceof FenceAction.RotatePassword r) {
            FenceSql.setPassword(c, r.role(), creds.fenceSecret());
        }
    }
}
