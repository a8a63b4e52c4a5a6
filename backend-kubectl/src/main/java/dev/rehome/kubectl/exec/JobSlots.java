package dev.rehome.kubectl.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} copy Jobs at a time, for a fleet moving several databases: {@link #runAll} runs every task
 * on its own worker (at most {@code limit} at once) and returns each outcome in the order given, a failure
 * included, so one failed copy does not hide the others.
 */
public final class JobSlots {
    private final int limit;

    public JobSlots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** The outcome of one task. */
    public sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {
        }

        record Failed<T>(RuntimeException error) implements Outcome<T> {
            public Failed {
                Objects.requireNonNull(error, "error");
            }
        }
    }

    /** Runs the tasks, at most {@link #limit()} at once, and waits for all of them. */
    public <T> List<Outcome<T>> runAll(List<? extends Callable<T>> tasks) throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limit, Math.max(1, tasks.size())), r -> {
            Thread t = new Thread(r, "rehome-job-slot-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                outcomes.add(outcome(f));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Outcome<T> outcome(Future<T> f) throws InterruptedException {
        try {
            return new Outcome.Done<>(f.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome.Failed<>(cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
        }
    }
}
