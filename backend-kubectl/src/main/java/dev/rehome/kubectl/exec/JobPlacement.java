package dev.rehome.kubectl.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how an in-cluster copy runs: the namespace (the target cluster's, so its Secrets and network policies
 * apply), the image providing pg_dump and pg_restore (the target's operand image), the TLS towards the target,
 * how long the Job may run, and how long a finished Job and its log stay for inspection.
 */
public record JobPlacement(String namespace, String image, JobTls targetTls, Duration activeDeadline,
                           Duration keepAfterFinished) {
    public JobPlacement {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(targetTls, "targetTls");
        Objects.requireNonNull(activeDeadline, "activeDeadline");
        Objects.requireNonNull(keepAfterFinished, "keepAfterFinished");
    }

    /** A day to run, an hour to inspect afterwards. */
    public static JobPlacement of(String namespace, String image, JobTls targetTls) {
        return new JobPlacement(namespace, image, targetTls, Duration.ofHours(24), Duration.ofHours(1));
    }
}
