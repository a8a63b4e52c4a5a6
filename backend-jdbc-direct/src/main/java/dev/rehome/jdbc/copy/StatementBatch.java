package dev.rehome.jdbc.copy;

import dev.rehome.core.OperationFailedException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * DDL statements sent to one session as JDBC batches: pgjdbc pipelines a batch, so a schema of thousands of
 * tables costs a few round trips instead of one per statement. Statements that return rows ({@code SELECT
 * set_config(...)}) cannot be batched; {@link #batchable} says which can. A failure names pgjdbc's failing batch
 * entry (its statement and the server's error). Stays on pgjdbc: the batch pipelining is pgjdbc's, and the text
 * is pg_dump's (see {@link DdlApplier}). Not thread-safe; one per session.
 */
final class StatementBatch implements AutoCloseable {
    private final Statement statement;
    private final String section;
    private int pending;

    StatementBatch(Connection c, String section) throws SQLException {
        this.statement = c.createStatement();
        this.statement.setEscapeProcessing(false);
        this.section = section;
    }

    static boolean batchable(String sql) {
        String head = sql.stripLeading();
        return !(head.length() >= 6 && head.substring(0, 6).toUpperCase(Locale.ROOT).equals("SELECT"));
    }

    void add(String sql) throws SQLException {
        statement.addBatch(sql);
        pending++;
    }

    /** Runs what was added; nothing when nothing was. */
    void flush() {
        if (pending == 0) {
            return;
        }
        pending = 0;
        try {
            statement.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException server = e.getNextException() != null ? e.getNextException() : e;
            throw new OperationFailedException(section + " DDL failed: " + firstLine(e.getMessage()) + " ("
                    + firstLine(server.getMessage()) + ")", server);
        } catch (SQLException e) {
            throw new OperationFailedException(section + " DDL failed: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
