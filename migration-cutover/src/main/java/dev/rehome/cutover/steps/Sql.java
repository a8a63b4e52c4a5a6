package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers over {@link PgConnector}: one connection per call, parameters bound, errors as one line. */
final class Sql {
    private static final PgConnector CONNECTOR = new PgConnector("rehome-basketball");

    private Sql() {
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static <T> T with(DatabaseEndpoint endpoint, Work<T> work) {
        try (Connection c = CONNECTOR.open(endpoint)) {
            return work.run(c);
        } catch (SQLException e) {
            throw new OperationFailedException("SQL on " + endpoint.describe() + " failed: " + e.getMessage(), e);
        }
    }

    static long queryLong(Connection c, String sql, Object... params) throws SQLException {
        List<String> row = queryRow(c, sql, params);
        return row.isEmpty() || row.get(0) == null ? 0 : Long.parseLong(row.get(0));
    }

    static List<String> queryRow(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        out.add(rs.getString(i));
                    }
                }
                return out;
            }
        }
    }

    static List<String> queryColumn(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
