package dev.rehome.testkit.audit;

import dev.rehome.testkit.cluster.SeedTimeline;
import java.time.Clock;
import java.time.Instant;

/**
 * The realistic cluster the audit tests read ({@code audit-cluster.yaml}): which resource holds it and the moment
 * its timestamps were written for. Load it with {@code server.seed(AuditCluster.RESOURCE, AuditCluster.SEEN_AT)}.
 */
public final class AuditCluster {
    /** Class-path resource of the manifests. */
    public static final String RESOURCE = "dev/rehome/testkit/cluster/audit-cluster.yaml";
    /** The moment the manifests describe: backups "9h ago" are 9 hours before this. */
    public static final Instant SEEN_AT = Instant.parse("2026-11-26T12:00:00Z");

    private AuditCluster() {
    }

    /** Where the manifests' timestamps land for a server running on {@code clock}. */
    public static SeedTimeline timeline(Clock clock) {
        return SeedTimeline.of(SEEN_AT, clock);
    }
}
