package dev.rehome.jdbc.fence;

import dev.rehome.core.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The few SQL shapes the fence runs. DDL cannot take bound parameters, so its identifiers are quoted by the
 * caller ({@link dev.rehome.core.Identifiers#quote}); queries bind every value. Passwords only ever go through
 * {@link #setPassword}, which hands pgjdbc the clear value to hash client-side: the server, its log and
 * {@code pg_stat_activity} see a SCRAM verifier, never the password.
 */
final class FenceSql {
    private FenceSql() {
    }

    static void execute(Connection c, String ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }

    static boolean queryBoolean(Connection c, String sql, Object... binds) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, binds); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static long queryLong(Connection c, String sql, Object... binds) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, binds); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... binds) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < binds.length; i++) {
            ps.setObject(i + 1, binds[i]);
        }
        return ps;
    }

    /** {@code ALTER USER .. PASSWORD '<verifier>'}, hashed by pgjdbc with the server's password_encryption. */
    static void setPassword(Connection c, String role, Secret password) throws SQLException {
        char[] clear = password.reveal().toCharArray();
        try {
            c.unwrap(PGConnection.class).alterUserPassword(role, clear, null);
        } finally {
            java.util.Arrays.fill(clear, '\0');
        }
    }

    /** One line of a driver message, for reports (driver messages never carry the password). */
    static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
