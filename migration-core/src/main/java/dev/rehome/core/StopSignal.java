package dev.rehome.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to stop at the next safe point, from outside the run: SIGTERM or Ctrl-C (the CLI's shutdown hook), a
 * cancelled CI job, an embedder giving up. The run checks it between steps ({@link Migrator.Builder#safePoint});
 * a stop before the point of no return rolls back, so the app is back on its old database when the process ends.
 * Thread-safe; one per run.
 */
public final class StopSignal {
    private volatile String reason;

    /** Asks the run to stop; the first reason wins. */
    public void request(String why) {
        Objects.requireNonNull(why, "why");
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
    }

    public Optional<String> requested() {
        return Optional.ofNullable(reason);
    }

    /** Throws {@link OperationFailedException} when a stop was requested; for a safe point. */
    public void check() {
        String why = reason;
        if (why != null) {
            throw new OperationFailedException("stopped at a safe point on request (" + why + ")");
        }
    }
}
