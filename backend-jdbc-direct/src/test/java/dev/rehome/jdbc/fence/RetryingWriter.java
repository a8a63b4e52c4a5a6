package dev.rehome.jdbc.fence;

import dev.rehome.core.DatabaseEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The app as a fence meets it (reliability-facts X-1): inserts increasing ids into {@code public.events} and keeps
 * going whatever happens; after any failure it drops its session, reconnects and retries. Every attempt is
 * recorded with the time it started, so a test can tell acks that began after the fence.
 */
final class RetryingWriter implements AutoCloseable {
    record Attempt(long startedNanos, long id, boolean acked, String error) {
    }

    private final DatabaseEndpoint app;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong nextId;
    private final Thread thread;

    RetryingWriter(DatabaseEndpoint app, long firstId) {
        this.app = app;
        this.nextId = new AtomicLong(firstId);
        this.thread = new Thread(this::run, "retrying-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Connection c = null;
        while (running.get()) {
            long started = System.nanoTime();
            long id = nextId.get();
            try {
                if (c == null) {
                    c = connect();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.events (id, note) VALUES (?, 'w')")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                attempts.add(new Attempt(started, id, true, null));
                nextId.incrementAndGet();
            } catch (SQLException e) {
                attempts.add(new Attempt(started, id, false, e.getSQLState() + " " + e.getMessage()));
                close(c);
                c = null;
            }
            sleep(15);
        }
        close(c);
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", app.user());
        p.setProperty("password", app.password().reveal());
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + app.host() + ":" + app.port() + "/"
                + app.database(), p);
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    long acked() {
        return attempts.stream().filter(Attempt::acked).count();
    }

    void awaitAcks(long atLeast) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (acked() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer acked only " + acked() + " of " + atLeast + "; last: "
                        + attempts.get(attempts.size() - 1));
            }
            sleep(20);
        }
    }

    void awaitAttemptsAfter(long nanos, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (attempts.stream().filter(a -> a.startedNanos() > nanos).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer made fewer than " + count + " attempts");
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the session may already be gone
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
