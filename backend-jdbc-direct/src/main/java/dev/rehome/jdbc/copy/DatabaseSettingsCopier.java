package dev.rehome.jdbc.copy;

import dev.rehome.core.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries the source database's own defaults ({@code ALTER DATABASE ... SET search_path/timezone/...}) over to
 * the target database: pg_dump writes them only with {@code --create}, and an application that relies on a
 * database-level {@code search_path} breaks without them. Settings bound to a role ({@code ALTER ROLE ... IN
 * DATABASE}) are not copied, because roles are not the copy's business; each becomes a notice, as does a setting
 * the target refuses.
 */
public final class DatabaseSettingsCopier {
    /** Settings whose value is a list of names (PostgreSQL's GUC_LIST_QUOTE), written element by element. */
    private static final Set<String> LIST_SETTINGS = Set.of("search_path", "temp_tablespaces",
            "session_preload_libraries", "local_preload_libraries", "shared_preload_libraries", "unix_socket_directories");
    private static final String SETTINGS = "SELECT s.setrole = 0, coalesce(r.rolname, ''), unnest(s.setconfig)"
            + " FROM pg_catalog.pg_db_role_setting s LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole"
            + " WHERE s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())";

    /** Returns notices. */
    public List<String> copy(Connection source, Connection target, String targetDatabase) throws SQLException {
        List<String> notices = new ArrayList<>();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(SETTINGS)) {
            while (rs.next()) {
                String setting = rs.getString(3);
                if (!rs.getBoolean(1)) {
                    notices.add("database setting " + setting + " of role " + rs.getString(2) + " not copied: role-specific"
                            + " settings stay with the roles");
                    continue;
                }
                int eq = setting.indexOf('=');
                String sql = "ALTER DATABASE " + Identifiers.quote(targetDatabase) + " SET "
                        + Identifiers.quote(setting.substring(0, eq)) + " TO " + value(setting.substring(0, eq),
                        setting.substring(eq + 1));
                try (Statement t = target.createStatement()) {
                    t.execute(sql);
                } catch (SQLException e) {
                    notices.add("database setting " + setting + " not copied: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        return notices;
    }

    private static String value(String name, String value) {
        if (!LIST_SETTINGS.contains(name.toLowerCase(Locale.ROOT))) {
            return Identifiers.literal(value);
        }
        return splitList(value).stream().map(Identifiers::literal).collect(Collectors.joining(", "));
    }

    /** Splits {@code "$user", public} into {@code $user} and {@code public}, as PostgreSQL's SplitGUCList does. */
    static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(current.toString().strip());
                current.setLength(0);
            } else if (quoted || !Character.isWhitespace(c)) {
                current.append(c);
            }
        }
        out.add(current.toString().strip());
        return out;
    }
}
