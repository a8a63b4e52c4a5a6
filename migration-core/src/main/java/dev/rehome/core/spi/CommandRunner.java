package dev.rehome.core.spi;

/**
 * Starts programs somewhere: on this machine, in a pod through the Kubernetes exec API, or in an in-cluster Job.
 * The dump-restore engine runs pg_dump, pg_restore and psql through runners, so the same engine moves data
 * between local servers, between pods, or entirely inside a cluster. Implementations are thread-safe.
 */
public interface CommandRunner {
    RunningCommand start(CommandSpec spec);

    /** Where commands of this runner run, for messages and plans. */
    String describe();
}
