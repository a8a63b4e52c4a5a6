package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.jdbc.PgConnector;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/**
 * The cutover's SQL through jdbi, over {@link PgConnector}'s sessions (pinned output settings, login errors as exit
 * 4): one handle per call, values bound positionally, never concatenated; identifiers go through
 * {@code Identifiers.quote}. A jdbi failure becomes one line naming the server.
 */
final class Sql {
    private static final PgConnector CONNECTOR = new PgConnector("rehome-basketball");

    private Sql() {
    }

    interface Work<T> {
        T run(Handle h);
    }

    static <T> T with(DatabaseEndpoint endpoint, Work<T> work) {
        try {
            return Jdbi.create(() -> CONNECTOR.open(endpoint)).withHandle(work::run);
        } catch (JdbiException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new OperationFailedException("SQL on " + endpoint.describe() + " failed: " + cause.getMessage(), e);
        }
    }

    static long queryLong(Handle h, String sql, Object... params) {
        List<String> row = queryRow(h, sql, params);
        return row.isEmpty() || row.get(0) == null ? 0 : Long.parseLong(row.get(0));
    }

    /** The first row's columns as text; empty when there is no row. */
    static List<String> queryRow(Handle h, String sql, Object... params) {
        return bound(h, sql, params).map((rs, ctx) -> {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getString(i));
            }
            return out;
        }).findFirst().orElse(List.of());
    }

    static List<String> queryColumn(Handle h, String sql, Object... params) {
        return bound(h, sql, params).map((rs, ctx) -> rs.getString(1)).list();
    }

    static void execute(Handle h, String sql) {
        h.createUpdate(sql).execute();
    }

    private static Query bound(Handle h, String sql, Object... params) {
        Query q = h.createQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.bind(i, params[i]);
        }
        return q;
    }
}
