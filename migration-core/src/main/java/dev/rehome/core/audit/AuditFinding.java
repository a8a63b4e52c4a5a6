package dev.rehome.core.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One data store (or one thing the audit could not read) and what protects it.
 *
 * @param namespace  the namespace
 * @param workload   the workload's name (a CNPG Cluster's name for CNPG-managed data)
 * @param kind       {@code Deployment}, {@code StatefulSet}, {@code DaemonSet}, {@code Pod}, {@code Cluster},
 *                   {@code PersistentVolumeClaim} or {@code Namespace} (for an unreadable namespace)
 * @param engine     {@code postgresql}, {@code mysql}, ... with the image version when known ({@code postgresql 16})
 * @param coverage   what backs it up
 * @param severity   how bad the gap is
 * @param reasons    why, one short sentence each, worst first
 * @param remedy     the one thing to do next
 * @param volumes    where the data lives
 * @param lastBackup when the newest completed backup finished, when one is known
 */
public record AuditFinding(String namespace, String workload, String kind, String engine, Coverage coverage,
                           Severity severity, List<String> reasons, String remedy, List<VolumeInfo> volumes,
                           Instant lastBackup) {

    /** Worst first, then by namespace, workload and kind, so reports are stable from run to run. */
    public static final Comparator<AuditFinding> WORST_FIRST = Comparator
            .comparing(AuditFinding::severity)
            .thenComparing(AuditFinding::namespace)
            .thenComparing(AuditFinding::workload)
            .thenComparing(AuditFinding::kind);

    public AuditFinding {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(severity, "severity");
        reasons = List.copyOf(reasons);
        remedy = remedy == null ? "" : remedy;
        volumes = List.copyOf(volumes);
    }

    public String qualifiedName() {
        return namespace + "/" + workload;
    }

    public Optional<Instant> lastBackupTime() {
        return Optional.ofNullable(lastBackup);
    }
}
