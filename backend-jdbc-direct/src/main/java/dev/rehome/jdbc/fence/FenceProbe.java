package dev.rehome.jdbc.fence;

import dev.rehome.core.UnreachableException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proves an applied fence does what it claims, from where rehome stands, before anything relies on it: the app's
 * own login (when held) is refused by the fenced database, the catalog agrees (the app role cannot log in or has
 * no CONNECT, through any membership), and rehome's session login still gets in. A rotated password is only a
 * fence where the app authenticates by password, so this is what catches a {@code trust} rule.
 */
final class FenceProbe {
    private final FenceSessions sessions;

    FenceProbe(FenceSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** What does not hold; empty when the fence is proven. */
    List<String> problems(FenceHandle h, FenceCredentials creds, FenceSessions.Login session) {
        List<String> problems = new ArrayList<>();
        creds.login(h.appRole()).ifPresent(app -> {
            try (FenceSessions.Session s = sessions.open(creds, h.database(),
                    new FenceSessions.Login(app.role(), app.password(), app.origin()))) {
                problems.add("the app's login '" + app.role() + "' still gets into '" + h.database()
                        + "' (a trust or peer rule in pg_hba.conf?)");
            } catch (UnreachableException expected) {
                // refused, as a fence must
            }
        });
        try (FenceSessions.Session s = sessions.open(creds, h.database(), session)) {
            catalogSays(h, s).ifPresent(problems::add);
        } catch (UnreachableException e) {
            problems.add("rehome's own login '" + session.role() + "' cannot open a session under the fence: "
                    + e.getMessage());
        } catch (SQLException e) {
            problems.add("cannot check the fence in the catalog: " + FenceSql.reason(e));
        }
        return problems;
    }

    private static Optional<String> catalogSays(FenceHandle h, FenceSessions.Session s) throws SQLException {
        boolean disabled = h.actions().stream().anyMatch(a -> a instanceof FenceAction.DisableLogin);
        boolean rotated = h.actions().stream().anyMatch(a -> a instanceof FenceAction.RotatePassword);
        // Only a RevokeConnect fence means the app to lose CONNECT; a rotating owner keeps its own.
        boolean revoked = !rotated && h.actions().stream().anyMatch(a -> a instanceof FenceAction.RevokeRoleConnect
                || a instanceof FenceAction.RevokePublicConnect);
        if (disabled && FenceSql.queryBoolean(s.connection(),
                "SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = ?", h.appRole())) {
            return Optional.of("role '" + h.appRole() + "' can still log in");
        }
        if (revoked && !disabled && FenceSql.queryBoolean(s.connection(),
                "SELECT pg_catalog.has_database_privilege(?, ?, 'CONNECT')", h.appRole(), h.database())) {
            return Optional.of("role '" + h.appRole() + "' still has CONNECT on '" + h.database()
                    + "' (through a role it is a member of, or as a superuser)");
        }
        return Optional.empty();
    }
}
