package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.MigrationException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Up to {@code jobs} sessions on one side that all see the snapshot of that side's first session: the first
 * exports it ({@code pg_export_snapshot()}), the others import it ({@code SET TRANSACTION SNAPSHOT}), so tables
 * checksummed on different connections still describe one moment of the database. Tasks borrow any free
 * session. Closing rolls back and closes the extra sessions; the first one stays its owner's.
 */
final class SnapshotWorkers implements AutoCloseable {
    private final List<Connection> extra = new ArrayList<>();
    private final BlockingQueue<Connection> free;
    private final ExecutorService threads;
    private final DatabaseEndpoint endpoint;

    SnapshotWorkers(PgConnector connector, DatabaseEndpoint endpoint, Connection first, int jobs) throws SQLException {
        this.endpoint = endpoint;
        this.free = new ArrayBlockingQueue<>(jobs);
        this.threads = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "rehome-verify-job");
            t.setDaemon(true);
            return t;
        });
        free.add(first);
        if (jobs > 1) {
            try {
                String snapshot = exportSnapshot(first);
                for (int i = 1; i < jobs; i++) {
                    Connection c = PairedSessions.openSnapshot(connector, endpoint);
                    extra.add(c);
                    try (Statement st = c.createStatement()) {
                        st.execute("SET TRANSACTION SNAPSHOT " + Identifiers.literal(snapshot));
                    }
                    free.add(c);
                }
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Runs {@code work} for every key on whichever session is free, at most {@code jobs} at once. */
    <K, V> void forEach(List<K> keys, Map<K, V> results, KeyedWork<K, V> work) {
        List<Future<?>> running = new ArrayList<>();
        for (K key : keys) {
            running.add(threads.submit(() -> {
                Connection session = free.take();
                try {
                    V value = work.apply(session, key);
                    synchronized (results) {
                        results.put(key, value);
                    }
                } finally {
                    free.add(session);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            await(f, running);
        }
    }

    private void await(Future<?> future, List<Future<?>> all) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(f -> f.cancel(true));
            throw new OperationFailedException("checksumming on " + endpoint.describe() + " was interrupted", e);
        } catch (ExecutionException e) {
            all.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof MigrationException m) {
                throw m;
            }
            throw new OperationFailedException("checksumming failed on " + endpoint.describe() + ": "
                    + cause.getMessage(), cause);
        }
    }

    private static String exportSnapshot(Connection session) throws SQLException {
        try (Statement st = session.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        extra.forEach(PairedSessions::closeQuietly);
    }

    /** Work on one key in a borrowed session. */
    @FunctionalInterface
    interface KeyedWork<K, V> {
        V apply(Connection session, K key) throws SQLException;
    }
}
