package dev.rehome.jdbc.copy;

import dev.rehome.core.Identifiers;
import dev.rehome.jdbc.BorrowedHandles;
import java.sql.Connection;
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
 * the target refuses. The settings are read through jdbi on the snapshot's session; each {@code ALTER DATABASE}
 * stays a plain JDBC statement because it carries the value as an inlined literal, and jdbi's statement lexer
 * reads a backslash in a literal as an escape (PostgreSQL does not), which would mangle a value ending in one.
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
        List<Setting> settings = BorrowedHandles.query(source, h -> h.createQuery(SETTINGS)
                .map((rs, ctx) -> new Setting(rs.getBoolean(1), rs.getString(2), rs.getString(3))).list());
        for (Setting row : settings) {
            String setting = row.setting();
            if (!row.databaseWide()) {
                notices.add("database setting " + setting + " of role " + row.role() + " not copied: role-specific"
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
        return notices;
    }

    /** One {@code name=value} of the source database, for all roles or for one. */
    private record Setting(boolean databaseWide, String role, String setting) {
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
