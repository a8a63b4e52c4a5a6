package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a data store and the backups that touch it into a finding: the best working backup decides the coverage,
 * and the risks of its storage (emptyDir, node-local disks, reclaim policy Delete, one replica) weigh more the
 * less it is covered.
 */
final class DataStoreAssessor {
    /** Backup kinds whose absence from the inventory (because RBAC forbade reading them) leaves coverage unknown. */
    private static final List<CustomKind> COVERAGE_KINDS = List.of(CustomKind.VELERO_SCHEDULE, CustomKind.K10_POLICY,
            CustomKind.VOLUME_SNAPSHOT, CustomKind.SNAPSHOT_SCHEDULE);

    private final ClusterInventory inventory;
    private final VeleroCoverage velero;
    private final K10Coverage k10;
    private final SnapshotCoverage snapshots;
    private final Remedies remedies;

    DataStoreAssessor(ClusterInventory inventory, VeleroCoverage velero, K10Coverage k10, SnapshotCoverage snapshots,
                      Remedies remedies) {
        this.inventory = inventory;
        this.velero = velero;
        this.k10 = k10;
        this.snapshots = snapshots;
        this.remedies = remedies;
    }

    AuditFinding assess(DataStore store) {
        Workload workload = store.workload();
        List<BackupEvidence> evidence = Stream.of(velero.evaluate(store), k10.evaluate(store),
                        snapshots.evaluate(workload.namespace(), store.claimNames()).stream().toList())
                .flatMap(List::stream).toList();
        Optional<BackupEvidence> best = evidence.stream().filter(e -> e.coverage().isCovered())
                .min(Comparator.comparing((BackupEvidence e) -> Issue.worst(e.issues())));
        List<Issue> issues = new ArrayList<>();
        Coverage coverage;
        if (best.isPresent()) {
            coverage = best.get().coverage();
            issues.addAll(best.get().issues());
        } else {
            evidence.forEach(e -> issues.addAll(e.issues()));
            List<String> forbidden = forbiddenCoverageKinds(workload.namespace());
            coverage = forbidden.isEmpty() ? Coverage.NONE : Coverage.UNKNOWN;
            issues.add(forbidden.isEmpty() ? noBackup(store)
                    : new Issue(Severity.HIGH, "no backup found, but " + String.join(", ", forbidden)
                    + " could not be read (forbidden)", "re-run the audit with read access to " + forbidden.get(0)));
        }
        storageRisks(store, coverage.isCovered(), issues);
        return new AuditFinding(workload.namespace(), workload.name(), workload.kind(), store.engineLabel(), coverage,
                Issue.worst(issues), Issue.reasons(issues),
                Issue.remedy(issues, coverage.isCovered() ? "nothing to do" : remedies.forStore(store)),
                store.volumes(), best.map(BackupEvidence::lastBackup).orElse(null));
    }

    private Issue noBackup(DataStore store) {
        boolean replicated = store.engine().replicatesItself() && store.workload().replicas() > 1;
        String reason = "no backup: no CNPG, Velero schedule, K10 policy or volume snapshot covers it"
                + (replicated ? " (" + store.workload().replicas() + " replicas copy each other, but a bad write reaches them all)" : "");
        return new Issue(replicated ? Severity.HIGH : Severity.CRITICAL, reason, remedies.forStore(store));
    }

    private static void storageRisks(DataStore store, boolean covered, List<Issue> issues) {
        Severity ephemeral = covered ? Severity.HIGH : Severity.CRITICAL;
        if (store.withoutVolume()) {
            issues.add(Issue.of(ephemeral, "no volume at the data directory: the data lives in the container and is "
                    + "lost on every restart"));
        }
        if (store.onEmptyDir()) {
            issues.add(Issue.of(ephemeral, "data on emptyDir: lost whenever the pod is deleted, evicted or rescheduled"));
        }
        for (String hostPath : store.hostPaths()) {
            issues.add(Issue.of(covered ? Severity.MEDIUM : Severity.CRITICAL,
                    "data in hostPath " + hostPath + ": tied to one node's disk, and Velero cannot back it up"));
        }
        Severity storageRisk = covered ? Severity.LOW : Severity.INFO;
        store.volumes().stream().filter(v -> v.nodeLocal() && v.pvc() != null).findFirst()
                .ifPresent(v -> issues.add(Issue.of(storageRisk, "node-local storage (" + v.storageClass()
                        + "): a dead node or disk takes the data with it")));
        if (store.reclaimDelete()) {
            issues.add(Issue.of(storageRisk, "reclaim policy Delete: deleting the PVC or the namespace deletes the data"));
        }
        if (store.workload().replicas() <= 1) {
            issues.add(Issue.of(Severity.INFO, "single replica"));
        }
    }

    private List<String> forbiddenCoverageKinds(String namespace) {
        return COVERAGE_KINDS.stream().map(CustomKind::displayName)
                .filter(kind -> inventory.unreadable().stream().anyMatch(u -> u.kind().equals(kind)
                        && u.reason().startsWith("forbidden")
                        && (u.namespace() == null || u.namespace().equals(namespace))))
                .toList();
    }
}
