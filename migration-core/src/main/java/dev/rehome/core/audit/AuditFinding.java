package dev.rehome.core.audit;

import java.time.Duration;
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
 * @param lastBackup when the newest good backup that covers this data finished; null when there is none
 * @param version    the server version and how it is known
 * @param evidence   the objects and fields the coverage verdict rests on
 * @param dataLossWindow the worst case of writes lost if the volume died now: the time since the last good
 *                   backup, or the backup period when that is longer; null when nothing backs the data up
 * @param consumers  workloads that reach this data store (its Service or Secret)
 */
public record AuditFinding(String namespace, String workload, String kind, String engine, Coverage coverage,
                           Severity severity, List<String> reasons, String remedy, List<VolumeInfo> volumes,
                           Instant lastBackup, EngineVersion version, List<Evidence> evidence,
                           Duration dataLossWindow, List<DataConsumer> consumers) {

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
        version = version == null ? EngineVersion.unknown("not determined") : version;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }

    /** A finding without version, evidence, window or consumers (what the audit knew before it had them). */
    public AuditFinding(String namespace, String workload, String kind, String engine, Coverage coverage,
                        Severity severity, List<String> reasons, String remedy, List<VolumeInfo> volumes,
                        Instant lastBackup) {
        this(namespace, workload, kind, engine, coverage, severity, reasons, remedy, volumes, lastBackup, null,
                List.of(), null, List.of());
    }

    /** The same finding with these consumers. */
    public AuditFinding withConsumers(List<DataConsumer> found) {
        return new AuditFinding(namespace, workload, kind, engine, coverage, severity, reasons, remedy, volumes,
                lastBackup, version, evidence, dataLossWindow, found);
    }

    public String qualifiedName() {
        return namespace + "/" + workload;
    }

    public Optional<Instant> lastBackupTime() {
        return Optional.ofNullable(lastBackup);
    }

    public Optional<Duration> dataLossWindowLength() {
        return Optional.ofNullable(dataLossWindow);
    }
}
