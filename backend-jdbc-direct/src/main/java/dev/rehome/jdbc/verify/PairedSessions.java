package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.jdbc.BorrowedHandles;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * One session on the source and one on the target, each inside a read-only {@code REPEATABLE READ} transaction so
 * every query of a verifier sees one snapshot per side. {@link #both} runs the same work on both sides at the
 * same time, on two threads owned by this object. Closing rolls both transactions back (nothing was written).
 */
final class PairedSessions implements AutoCloseable {
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "rehome-verify");
        t.setDaemon(true);
        return t;
    });
    private final Connection source;
    private final Connection target;
    private final Handle sourceHandle;
    private final Handle targetHandle;
    private final DatabaseEndpoint sourceEndpoint;
    private final DatabaseEndpoint targetEndpoint;

    private PairedSessions(Connection source, Connection target, DatabaseEndpoint sourceEndpoint,
                           DatabaseEndpoint targetEndpoint) {
        this.source = source;
        this.target = target;
        this.sourceHandle = BorrowedHandles.borrow(source);
        this.targetHandle = BorrowedHandles.borrow(target);
        this.sourceEndpoint = sourceEndpoint;
        this.targetEndpoint = targetEndpoint;
    }

    static PairedSessions open(PgConnector connector, DatabaseEndpoint source, DatabaseEndpoint target) {
        Connection s = openSnapshot(connector, source);
        try {
            return new PairedSessions(s, openSnapshot(connector, target), source, target);
        } catch (RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
    }

    /** Opens one read-only snapshot session; for checks that only look at one side. */
    static Connection openSnapshot(PgConnector connector, DatabaseEndpoint endpoint) {
        Connection c = connector.open(endpoint);
        try (Statement st = c.createStatement()) {
            // A full checksum pass runs as long as the data takes to stream, and one side may sit idle in its
            // snapshot while the other finishes: timeouts meant for application sessions must not cut it off.
            // With row_security off, a table whose policies would hide rows from this role is an error instead
            // of a silently partial count (as pg_dump does).
            st.execute("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0;"
                    + " SET row_security = off");
            c.setAutoCommit(false);
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new OperationFailedException("cannot start a read-only snapshot on " + endpoint.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on the source and the target in parallel and returns both answers. */
    <T> Sides<T> both(String what, SessionWork<T> work) {
        return each(what, work, work);
    }

    /** Runs {@code sourceWork} on the source and {@code targetWork} on the target in parallel. */
    <T> Sides<T> each(String what, SessionWork<T> sourceWork, SessionWork<T> targetWork) {
        Future<T> onSource = threads.submit(() -> sourceWork.apply(sourceHandle));
        Future<T> onTarget = threads.submit(() -> targetWork.apply(targetHandle));
        T s = await(onSource, what, sourceEndpoint, onTarget);
        T t = await(onTarget, what, targetEndpoint, null);
        return new Sides<>(s, t);
    }

    private static <T> T await(Future<T> future, String what, DatabaseEndpoint where, Future<?> other) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException(what + " on " + where.describe() + " was interrupted", e);
        } catch (ExecutionException e) {
            if (other != null) {
                other.cancel(true);
            }
            Throwable cause = e.getCause();
            if (cause instanceof JdbiException && cause.getCause() != null) {
                cause = cause.getCause(); // the server's words, without jdbi's statement context
            }
            if (cause instanceof MigrationException m) {
                throw m;
            }
            throw new OperationFailedException(what + " failed on " + where.describe() + ": " + cause.getMessage(),
                    cause);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        closeQuietly(source);
        closeQuietly(target);
    }

    static void closeQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // closing below releases the transaction anyway
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing was written; a failed close loses nothing
        }
    }
}
