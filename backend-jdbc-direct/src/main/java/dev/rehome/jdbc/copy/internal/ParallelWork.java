package dev.rehome.jdbc.copy.internal;

import dev.rehome.core.MigrationException;
import dev.rehome.core.OperationFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs items on up to {@code threads} workers, each holding one resource (a connection, a pair of connections)
 * for its whole life, so resources are reused, not opened per item. Items are taken in list order, so callers
 * put the biggest first. The first failure stops the other workers at their next item (and, through
 * {@link #failed()}, inside long items) and is rethrown. Not reusable: one instance per batch.
 */
public final class ParallelWork<R extends AutoCloseable, T> {
    /** Opens a worker's resource. */
    @FunctionalInterface
    public interface ResourceOpener<R> {
        R open() throws Exception;
    }

    /** Does one item with the worker's resource. */
    @FunctionalInterface
    public interface ItemWork<R, T> {
        void run(R resource, T item) throws Exception;
    }

    private final String name;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public ParallelWork(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** True once any worker failed; long-running items poll this to stop early. */
    public boolean failed() {
        return failure.get() != null;
    }

    public void run(int threads, List<T> items, ResourceOpener<R> opener, ItemWork<R, T> work) {
        if (items.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        int workers = Math.max(1, Math.min(threads, items.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "rehome-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> worker(queue, opener, work)));
            }
            for (Future<?> f : futures) {
                awaitQuietly(f);
            }
        } finally {
            pool.shutdownNow();
        }
        Throwable t = failure.get();
        if (t instanceof MigrationException m) {
            throw m;
        }
        if (t != null) {
            throw new OperationFailedException(name + " failed: " + t.getMessage(), t);
        }
    }

    private void worker(ConcurrentLinkedQueue<T> queue, ResourceOpener<R> opener, ItemWork<R, T> work) {
        if (failed()) {
            return;
        }
        try (R resource = opener.open()) {
            T item;
            while (!failed() && (item = queue.poll()) != null) {
                work.run(resource, item);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            // recorded by the worker itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("interrupted while waiting for copy workers", e);
        }
    }
}
