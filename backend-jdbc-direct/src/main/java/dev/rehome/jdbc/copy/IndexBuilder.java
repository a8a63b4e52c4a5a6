package dev.rehome.jdbc.copy;

import dev.rehome.core.MigrationException;
import dev.rehome.core.OperationFailedException;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds indexes on up to {@code jobs} target sessions while the data copy goes on: a table's index builds are
 * submitted as soon as its rows are committed, so they overlap the copy of the tables still loading instead of
 * waiting for the last one. The same sessions then run the rest of post-data, the foreign-key validations and
 * {@code ANALYZE}: any independent target statements, so a small database does not pay for new sessions per step. Each session runs post-data's session settings and a larger
 * {@code maintenance_work_mem} (index sorts then spill less); sessions are opened on first use and reused.
 * The first failure is kept, later builds are skipped, and {@link #awaitAll()} throws it. One instance per copy.
 */
public final class IndexBuilder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuilder.class);
    /** Per index session; a session value, so a shared cluster's other sessions keep theirs. */
    static final String MAINTENANCE_WORK_MEM = "256MB";

    private final CopySessions sessions;
    private volatile List<String> sessionSettings = List.of();
    private final ExecutorService threads;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Submitted statements not finished yet; guarded by {@code this}. */
    private int pending;

    public IndexBuilder(CopySessions sessions, int jobs) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.threads = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "rehome-build-indexes");
            t.setDaemon(true);
            return t;
        });
    }

    /** Post-data's session settings ({@code SET ...}), run on each index session it opens after this. */
    public void useSessionSettings(List<String> settings) {
        this.sessionSettings = List.copyOf(settings);
    }

    /** True once a build failed; the data copy polls this to stop early. */
    public boolean failed() {
        return failure.get() != null;
    }

    /** Queues each statement as its own build (the indexes of one table build side by side too). */
    public void submit(List<String> statements) {
        for (String statement : statements) {
            synchronized (this) {
                pending++;
            }
            threads.execute(() -> {
                try {
                    if (!failed()) {
                        build(statement);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished();
                }
            });
        }
    }

    private synchronized void finished() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    private void build(String statement) {
        Connection c = idle.poll();
        if (c == null) {
            c = open();
        }
        try {
            long start = System.nanoTime();
            DdlApplier.execute(c, statement, "post-data");
            LOG.debug("built in {} ms: {}", (System.nanoTime() - start) / 1_000_000, DdlScript.summary(statement));
        } finally {
            idle.add(c);
        }
    }

    private Connection open() {
        Connection c = sessions.openTarget();
        opened.add(c);
        try {
            DdlApplier.execute(c, "SET maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'", "post-data");
            for (String setting : sessionSettings) {
                DdlApplier.execute(c, setting, "post-data");
            }
            return c;
        } catch (RuntimeException e) {
            opened.remove(c);
            CopySessions.close(c);
            throw e;
        }
    }

    /**
     * Runs {@code statements} one after the other on one of this builder's sessions, in this thread, so the
     * ordered part of post-data needs no session of its own. Call only once the builds are done.
     */
    public void runInOrder(List<String> statements) {
        if (statements.isEmpty()) {
            return;
        }
        Connection c = idle.poll();
        if (c == null) {
            c = open();
        }
        try {
            for (String statement : statements) {
                DdlApplier.execute(c, statement, "post-data");
            }
        } finally {
            idle.add(c);
        }
    }

    /** Waits for every submitted build; throws the first failure. */
    public void awaitAll() {
        synchronized (this) {
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OperationFailedException("interrupted while waiting for index builds", e);
                }
            }
        }
        Throwable t = failure.get();
        if (t instanceof MigrationException m) {
            throw m;
        }
        if (t != null) {
            throw new OperationFailedException("index build failed: " + t.getMessage(), t);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        opened.forEach(CopySessions::close);
    }
}
