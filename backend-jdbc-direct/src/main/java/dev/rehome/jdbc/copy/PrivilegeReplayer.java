package dev.rehome.jdbc.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * neither fails the copy, which has already moved all data by then.
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
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.set_config('role', ?, false)")) {
                ps.setString(1, sessions.owner().get());
                ps.execute();
            }
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
        Set<String> roles = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rolname FROM pg_catalog.pg_roles")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }
}
