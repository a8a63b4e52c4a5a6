package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;


/**
 * Turns a data store and every mechanism's {@link Verdict} into a finding: the best verdict that leaves a copy
 * decides the coverage (one that protects beats a stale one), its evidence and last backup are the finding's, and
 * the risks of its storage (emptyDir, node-local disks, reclaim policy Delete, one replica) weigh more the less it
 * is covered. When nothing leaves a copy, every mechanism that looked relevant says why it is not coverage.
 */
final class DataStoreAssessor {
    /** Backup kinds whose absence from the inventory (because RBAC forbade reading them) leaves coverage unknown. */
    private static final List<String> COVERAGE_KINDS = List.of(CustomKind.VELERO_SCHEDULE.displayName(),
            CustomKind.VELERO_BACKUP.displayName(), CustomKind.K10_POLICY.displayName(),
            CustomKind.K10_BACKUP_ACTION.displayName(), CustomKind.VOLUME_SNAPSHOT.displayName(),
            CustomKind.VOLUME_SNAPSHOT_CLASS.displayName(), CustomKind.SNAPSHOT_SCHEDULE.displayName(), "cronjobs.batch");

    private final ClusterInventory inventory;
    private final List<Mechanism> mechanisms;
    private final Remedies remedies;
    private final Clock clock;

    /** One backup mechanism: every verdict it has about a data store (none when it does not touch it). */
    @FunctionalInterface
    interface Mechanism {
        List<Verdict> evaluate(DataStore store);
    }

    DataStoreAssessor(ClusterInventory inventory, List<Mechanism> mechanisms, Remedies remedies, Clock clock) {
        this.inventory = inventory;
        this.mechanisms = List.copyOf(mechanisms);
        this.remedies = remedies;
        this.clock = clock;
    }

    AuditFinding assess(DataStore store) {
        Workload workload = store.workload();
        List<Verdict> verdicts = mechanisms.stream().flatMap(m -> m.evaluate(store).stream()).toList();
        Optional<Verdict> best = verdicts.stream().filter(v -> v.coverage().isCovered()).min(BEST_FIRST);
        List<Issue> issues = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        Coverage coverage;
        Instant lastBackup = null;
        Duration window = null;
        if (best.isPresent()) {
            Verdict verdict = best.get();
            coverage = verdict.coverage();
            issues.addAll(verdict.issues());
            evidence.addAll(verdict.evidence());
            if (verdict instanceof Verdict.Protects protects) {
                lastBackup = protects.lastBackup();
                window = protects.dataLossWindow(clock);
            } else if (verdict instanceof Verdict.Stale stale) {
                lastBackup = stale.lastBackup();
                window = Duration.between(stale.lastBackup(), clock.instant());
            }
            verdicts.stream().filter(v -> !v.coverage().isCovered()).forEach(v -> issues.add(Issue.of(Severity.LOW,
                    "also selected, but no copy: " + why(v))));
        } else {
            List<String> forbidden = forbiddenCoverageKinds(workload.namespace());
            coverage = forbidden.isEmpty() ? Coverage.NONE : Coverage.UNKNOWN;
            Severity none = noneSeverity(store);
            for (Verdict verdict : verdicts) {
                evidence.addAll(verdict.evidence());
                String remedy = store.engine() == DataEngine.POSTGRESQL ? remedies.forStore(store) : remedy(verdict);
                issues.add(new Issue(forbidden.isEmpty() ? none : Severity.HIGH, "no backup: " + why(verdict), remedy));
            }
            if (verdicts.isEmpty()) {
                issues.add(forbidden.isEmpty() ? noBackup(store, none)
                        : new Issue(Severity.HIGH, "no backup found, but " + String.join(", ", forbidden)
                        + " could not be read (forbidden)", "re-run the audit with read access to " + forbidden.get(0)));
                evidence.add(new Evidence("cluster", "schedules, policies, snapshots, dump CronJobs", "none select "
                        + workload.qualifiedName(), "nothing that backs up data touches it"));
            }
        }
        storageRisks(store, coverage.isCovered(), issues);
        return new AuditFinding(workload.namespace(), workload.name(), workload.kind(), store.engineLabel(), coverage,
                Issue.worst(issues), Issue.reasons(issues),
                Issue.remedy(issues, coverage.isCovered() ? "nothing to do" : remedies.forStore(store)),
                store.volumes(), lastBackup, store.version(), evidence, window, List.of());
    }

    /** Protects before Stale; among equals, the fewest risks, then the newest backup. */
    private static final Comparator<Verdict> BEST_FIRST = Comparator
            .comparing((Verdict v) -> v instanceof Verdict.Protects ? 0 : 1)
            .thenComparing(v -> Issue.worst(v.issues()), Comparator.reverseOrder())
            .thenComparing(DataStoreAssessor::lastBackup, Comparator.reverseOrder());

    private static Instant lastBackup(Verdict verdict) {
        if (verdict instanceof Verdict.Protects protects) {
            return protects.lastBackup();
        }
        return verdict instanceof Verdict.Stale stale ? stale.lastBackup() : Instant.EPOCH;
    }

    private static String why(Verdict verdict) {
        if (verdict instanceof Verdict.CannotCapture cannot) {
            return cannot.why();
        }
        if (verdict instanceof Verdict.NeverSucceeded never) {
            return never.why();
        }
        return verdict instanceof Verdict.Stale stale ? stale.via() + ": " + stale.why() : verdict.via();
    }

    private static String remedy(Verdict verdict) {
        if (verdict instanceof Verdict.CannotCapture cannot) {
            return cannot.remedy();
        }
        return verdict instanceof Verdict.NeverSucceeded never ? never.remedy() : "";
    }

    private static Severity noneSeverity(DataStore store) {
        boolean replicated = store.engine().replicatesItself() && store.workload().replicas() > 1;
        return replicated ? Severity.HIGH : Severity.CRITICAL;
    }

    private Issue noBackup(DataStore store, Severity severity) {
        boolean replicated = severity == Severity.HIGH;
        String reason = "no backup: no CNPG, Velero schedule, K10 policy, volume snapshot or dump CronJob covers it"
                + (replicated ? " (" + store.workload().replicas() + " replicas copy each other, but a bad write reaches them all)" : "");
        return new Issue(severity, reason, remedies.forStore(store));
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
        return COVERAGE_KINDS.stream()
                .filter(kind -> inventory.unreadable().stream().anyMatch(u -> u.kind().equals(kind)
                        && u.reason().startsWith("forbidden")
                        && (u.namespace() == null || u.namespace().equals(namespace))))
                .toList();
    }

}
