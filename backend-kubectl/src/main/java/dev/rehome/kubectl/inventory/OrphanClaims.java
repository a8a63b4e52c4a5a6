package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.EngineVersion;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.VolumeInfo;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** PVCs that no pod, workload, StatefulSet template or CNPG cluster uses: data nobody watches. */
final class OrphanClaims {
    private final ClusterInventory inventory;
    private final StorageIndex storage;
    private final SnapshotCoverage snapshots;
    private final Clock clock;

    OrphanClaims(ClusterInventory inventory, StorageIndex storage, SnapshotCoverage snapshots, Clock clock) {
        this.inventory = inventory;
        this.storage = storage;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    List<AuditFinding> find(List<Workload> workloads) {
        Set<String> used = new HashSet<>();
        List<String> templatePrefixes = new ArrayList<>();
        inventory.pods().forEach(p -> addClaims(p.getMetadata().getNamespace(), p.getSpec(), used));
        for (Workload workload : workloads) {
            addClaims(workload.namespace(), workload.podSpec(), used);
            workload.claimTemplates().forEach(t -> templatePrefixes.add(
                    workload.namespace() + "/" + t.getMetadata().getName() + "-" + workload.name() + "-"));
        }
        List<AuditFinding> findings = new ArrayList<>();
        for (PersistentVolumeClaim claim : inventory.claims()) {
            String key = claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName();
            boolean cnpg = claim.getMetadata().getLabels() != null
                    && claim.getMetadata().getLabels().containsKey("cnpg.io/cluster");
            if (!used.contains(key) && !cnpg && templatePrefixes.stream().noneMatch(key::startsWith)) {
                findings.add(orphan(claim));
            }
        }
        return findings;
    }

    private AuditFinding orphan(PersistentVolumeClaim claim) {
        String namespace = claim.getMetadata().getNamespace();
        VolumeInfo volume = storage.describe("pvc", claim);
        Optional<Verdict> verdict = snapshots.evaluate(namespace, List.of(claim.getMetadata().getName()));
        List<Issue> issues = new ArrayList<>();
        boolean delete = "Delete".equals(volume.reclaimPolicy());
        issues.add(Issue.of(delete ? Severity.MEDIUM : Severity.LOW,
                "mounted by no pod or workload: forgotten data, or a database whose workload was removed"));
        if (delete) {
            issues.add(Issue.of(Severity.MEDIUM, "reclaim policy Delete: one `kubectl delete pvc` and the data is gone"));
        }
        verdict.ifPresent(v -> issues.addAll(v.issues()));
        Instant lastBackup = verdict.filter(v -> v instanceof Verdict.Protects).map(v -> ((Verdict.Protects) v).lastBackup())
                .or(() -> verdict.filter(v -> v instanceof Verdict.Stale).map(v -> ((Verdict.Stale) v).lastBackup()))
                .orElse(null);
        List<Evidence> evidence = verdict.map(Verdict::evidence).orElse(List.of(new Evidence(
                "PersistentVolumeClaim " + namespace + "/" + claim.getMetadata().getName(), "(mounted by)", "nothing",
                "no pod, workload, StatefulSet template or CNPG cluster uses it")));
        return new AuditFinding(namespace, claim.getMetadata().getName(), "PersistentVolumeClaim", "unknown",
                verdict.map(Verdict::coverage).orElse(Coverage.NONE), Issue.worst(issues),
                Issue.reasons(issues), "if it holds data you need, set its PV's reclaimPolicy to Retain and back it up; "
                + "otherwise delete it", List.of(volume), lastBackup,
                EngineVersion.unknown("no workload runs a server on it"), evidence,
                lastBackup == null ? null : Duration.between(lastBackup, clock.instant()), List.of());
    }

    private static void addClaims(String namespace, PodSpec spec, Set<String> used) {
        if (spec == null || spec.getVolumes() == null) {
            return;
        }
        spec.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .forEach(v -> used.add(namespace + "/" + v.getPersistentVolumeClaim().getClaimName()));
    }
}
