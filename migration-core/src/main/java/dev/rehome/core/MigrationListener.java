package dev.rehome.core;

/**
 * Progress events. Every method is a no-op by default, so a listener implements only what it shows.
 * Implementations must be thread-safe: copy progress arrives from worker threads.
 */
public interface MigrationListener {
    MigrationListener NONE = new MigrationListener() {
    };

    default void onStepStarted(Step step) {
    }

    default void onStepFinished(Step step, StepResult result) {
    }

    default void onCopyProgress(CopyProgress progress) {
    }

    /** Something the operator should read (a warning, a decision taken), one line, no secrets. */
    default void onNotice(String message) {
    }
}
