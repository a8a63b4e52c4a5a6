package dev.rehome.jdbc.copy;

import dev.rehome.jdbc.BorrowedHandles;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replays the source's GRANT/REVOKE/default-privilege statements on the target, except those that name a role
 * the target does not have: in a shared cluster the source's roles mostly do not exist, and creating them is not
 * the copy's business. Each statement not replayed, and each that the target rejected, becomes one notice line;
 * neither fails the copy, which has already moved all data by then. The role list and the role reset are
 * rehome's own SQL and go through jdbi; pg_dump's statements run as plain JDBC statements with escape processing
 * off, exactly as pg_dump wrote them (jdbi would parse them for parameters: a role name or a literal holding
 * {@code :name}, {@code ?} or a backslash would be misread).
 */
public final class PrivilegeReplayer {
    private final CopySessions sessions;

    public PrivilegeReplayer(CopySessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** Returns the notices. */
    public List<String> replay(List<String> statements) throws SQLException {
        List<String> notices = new ArrayList<>();
        if (statements.isEmpty()) {
            return notices;
        }
        try (Connection c = sessions.openTarget()) {
            Set<String> roles = targetRoles(c);
            String missingGrantor = null;
            for (String sql : statements) {
                PrivilegeStatement p = PrivilegeStatement.parse(sql);
                if (p.kind() == PrivilegeStatement.Kind.RESET_AUTHORIZATION) {
                    if (missingGrantor == null) {
                        run(c, sql, notices);
                        restoreRole(c);
                    }
                    missingGrantor = null;
                    continue;
                }
                if (missingGrantor != null) {
                    notices.add(oneLine(sql) + " not replayed: its grantor role " + missingGrantor
                            + " does not exist in the target");
                    continue;
                }
                List<String> missing = p.roles().stream().filter(r -> !roles.contains(r)).toList();
                if (missing.isEmpty()) {
                    run(c, sql, notices);
                } else if (p.kind() == PrivilegeStatement.Kind.SET_AUTHORIZATION) {
                    missingGrantor = missing.get(0);
                } else {
                    notices.add(oneLine(sql) + " not replayed: role " + String.join(", ", missing)
                            + (missing.size() == 1 ? " does" : " do") + " not exist in the target");
                }
            }
        }
        return notices;
    }

    private void restoreRole(Connection c) throws SQLException {
        if (sessions.owner().isPresent()) {
            BorrowedHandles.run(c, h -> h.createQuery("SELECT pg_catalog.set_config('role', ?, false)")
                    .bind(0, sessions.owner().get()).mapTo(String.class).one());
        }
    }

    private static void run(Connection c, String sql, List<String> notices) {
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(sql);
        } catch (SQLException e) {
            notices.add(oneLine(sql) + " not replayed: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Set<String> targetRoles(Connection c) throws SQLException {
        return new HashSet<>(BorrowedHandles.query(c, h -> h.createQuery("SELECT rolname FROM pg_catalog.pg_roles")
                .mapTo(String.class).list()));
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }
}
