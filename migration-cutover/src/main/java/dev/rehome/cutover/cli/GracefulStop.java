package dev.rehome.cutover.cli;

import dev.rehome.core.StopSignal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What SIGTERM and Ctrl-C do to a CLI run: a shutdown hook asks the run to stop at its next safe point (between
 * steps; before the point of no return that means rolling back, so the app is on its old database) and holds the
 * JVM open until the run has finished, for at most {@link #GRACE}. A second signal cannot shorten it; SIGKILL can,
 * and then the journal lets the next run finish or roll back what this one began.
 */
public final class GracefulStop {
    /** How long the hook waits for the run to reach a safe point and roll back. */
    public static final Duration GRACE = Duration.ofMinutes(5);

    private final CountDownLatch finished = new CountDownLatch(1);

    private GracefulStop() {
    }

    /** Registers the hook for this process; call {@link #finished()} when the run returns. */
    public static GracefulStop install(StopSignal stop, PrintStream err) {
        GracefulStop graceful = new GracefulStop();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> graceful.onShutdown(stop, err), "rehome-graceful-stop"));
        return graceful;
    }

    /** The run returned: a shutdown from now on (the normal exit) need not wait. */
    public void finished() {
        finished.countDown();
    }

    private void onShutdown(StopSignal stop, PrintStream err) {
        if (finished.getCount() == 0) {
            return;
        }
        stop.request("a signal: SIGTERM or Ctrl-C");
        err.println("rehome: stopping at the next safe point; before the re-point that means rolling back so the app"
                + " runs on its old database (waiting up to " + GRACE.toMinutes() + " min; kill -9 leaves a journal"
                + " the next run finishes)");
        err.flush();
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
