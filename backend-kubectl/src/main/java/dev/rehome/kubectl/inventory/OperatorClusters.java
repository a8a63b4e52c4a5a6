package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.EngineVersion;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.VolumeInfo;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL clusters of the Zalando and Crunchy operators, judged by their own backup configuration rather than
 * as bare StatefulSets. Zalando: WAL-G/WAL-E to a bucket (the operator writes it into the pods' env) and the
 * logical backup CronJob's last success. Crunchy: pgBackRest repos (off-cluster s3/gcs/azure, or a PVC) and the
 * scheduled backups in {@code status.pgbackrest.scheduledBackups}.
 */
final class OperatorClusters {
    /** Pod labels of the operators' own pods: the generic detector leaves them to this class. */
    static final Set<String> OPERATOR_LABELS = Set.of("postgres-operator.crunchydata.com/cluster");
    private static final Set<String> ZALANDO_WAL_ENV = Set.of("WAL_S3_BUCKET", "WAL_GS_BUCKET", "WALG_S3_PREFIX",
            "WALG_GS_PREFIX", "WALG_AZ_PREFIX", "WALE_S3_PREFIX", "WALE_GS_PREFIX", "AZURE_STORAGE_ACCOUNT");
    private static final List<String> OFF_CLUSTER_REPOS = List.of("s3", "gcs", "azure");

    private final ClusterInventory inventory;
    private final ScheduleRuns runs;
    private final Clock clock;

    OperatorClusters(ClusterInventory inventory, ScheduleRuns runs, Clock clock) {
        this.inventory = inventory;
        this.runs = runs;
        this.clock = clock;
    }

    /** True for pods the operators run, which are judged through their cluster resource. */
    static boolean operatorManaged(Workload workload) {
        Map<String, String> labels = workload.podLabels();
        return OPERATOR_LABELS.stream().anyMatch(labels::containsKey)
                || "spilo".equals(labels.get("application")) && labels.containsKey("cluster-name");
    }

    List<AuditFinding> findings() {
        List<AuditFinding> findings = new ArrayList<>();
        inventory.custom(CustomKind.ZALANDO_POSTGRESQL).forEach(c -> findings.add(zalando(c)));
        inventory.custom(CustomKind.CRUNCHY_POSTGRES_CLUSTER).forEach(c -> findings.add(crunchy(c)));
        return findings;
    }

    private AuditFinding zalando(GenericKubernetesResource cluster) {
        String namespace = Fields.namespace(cluster);
        String name = Fields.name(cluster);
        String object = "postgresql " + namespace + "/" + name;
        int instances = Fields.integer(cluster, "spec", "numberOfInstances").orElse(1);
        List<Evidence> evidence = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        Optional<EnvVar> walBucket = statefulSet(namespace, name).stream()
                .flatMap(s -> s.getSpec().getTemplate().getSpec().getContainers().stream())
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.empty() : c.getEnv().stream())
                .filter(e -> ZALANDO_WAL_ENV.contains(e.getName()) && e.getValue() != null).findFirst();
        walBucket.ifPresent(e -> evidence.add(new Evidence("StatefulSet " + namespace + "/" + name,
                "spec.template.spec.containers[postgres].env[" + e.getName() + "]", e.getValue(),
                "WAL-G/WAL-E archives WALs and base backups there")));
        if (Fields.isTrue(cluster, "spec", "enableLogicalBackup")) {
            evidence.add(new Evidence(object, "spec.enableLogicalBackup", "true", "the operator dumps it to a bucket"));
            cronJob(namespace, "logical-backup-" + name).ifPresent(job -> verdicts.add(runs.judge(Coverage.OPERATOR,
                    "zalando logical backup " + namespace + "/" + job.getMetadata().getName(),
                    new ScheduleRuns.Cron("CronJob " + namespace + "/" + job.getMetadata().getName(), "spec.schedule",
                            job.getSpec().getSchedule()),
                    lastSuccess(job), List.of(), List.of(), "check the logical backup job's logs")));
        }
        List<Issue> issues = new ArrayList<>();
        Optional<Verdict> best = verdicts.stream().filter(v -> v.coverage().isCovered()).findFirst();
        Coverage coverage;
        if (best.isPresent()) {
            coverage = Coverage.OPERATOR;
            issues.addAll(best.get().issues());
            evidence.addAll(best.get().evidence());
        } else if (walBucket.isPresent()) {
            coverage = Coverage.OPERATOR;
            issues.add(new Issue(Severity.MEDIUM, "WAL-G archives to " + walBucket.get().getValue() + ", but base "
                    + "backup times are not in the Kubernetes API, so their recency is unchecked",
                    "run `kubectl exec -n " + namespace + " " + name + "-0 -- envdir /run/etc/wal-e.d/env wal-g backup-list`"));
        } else {
            coverage = Coverage.NONE;
            verdicts.forEach(v -> evidence.addAll(v.evidence()));
            issues.add(new Issue(instances > 1 ? Severity.HIGH : Severity.CRITICAL, "no backup: no WAL bucket in "
                    + "the pods' env and no working logical backup", "configure WAL-G (aws_or_gcp in the operator "
                    + "configuration) or spec.enableLogicalBackup on " + namespace + "/" + name));
        }
        String version = Fields.string(cluster, "spec", "postgresql", "version").orElse(null);
        return finding(namespace, name, "postgresql", version, "postgresql spec.postgresql.version", coverage,
                issues, evidence, best, instances);
    }

    private AuditFinding crunchy(GenericKubernetesResource cluster) {
        String namespace = Fields.namespace(cluster);
        String name = Fields.name(cluster);
        String object = "PostgresCluster " + namespace + "/" + name;
        List<Evidence> evidence = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        List<String> schedules = new ArrayList<>();
        boolean offCluster = false;
        for (Object entry : Fields.list(cluster, "spec", "backups", "pgbackrest", "repos")) {
            if (!(entry instanceof Map<?, ?> repo)) {
                continue;
            }
            String type = OFF_CLUSTER_REPOS.stream().filter(repo::containsKey).findFirst()
                    .orElse(repo.containsKey("volume") ? "volume" : "unknown");
            offCluster |= OFF_CLUSTER_REPOS.contains(type);
            evidence.add(new Evidence(object, "spec.backups.pgbackrest.repos[" + repo.get("name") + "]", type,
                    OFF_CLUSTER_REPOS.contains(type) ? "pgBackRest repository off the cluster"
                            : "pgBackRest repository on a PVC in this cluster"));
            if (repo.get("schedules") instanceof Map<?, ?> cron) {
                cron.values().forEach(v -> schedules.add(String.valueOf(v)));
            }
        }
        if (!offCluster) {
            issues.add(Issue.of(Severity.MEDIUM, "every pgBackRest repository is a PVC in this cluster: losing the "
                    + "cluster or its storage loses the backups too"));
        }
        if (schedules.isEmpty()) {
            issues.add(Issue.of(Severity.MEDIUM, "no pgBackRest schedules: backups happen only when someone takes one"));
        }
        // Any good backup restores (a differential needs its full, which the same repo keeps): the runs of every
        // schedule together set the period. Written out as one expression for the evidence.
        String cron = schedules.isEmpty() ? null : String.join(" | ", schedules);
        List<ScheduleRuns.Run> finished = new ArrayList<>();
        for (Object entry : Fields.list(cluster, "status", "pgbackrest", "scheduledBackups")) {
            if (entry instanceof Map<?, ?> backup && (backup.get("succeeded") != null || backup.get("failed") != null)) {
                boolean ok = backup.get("succeeded") != null && !"0".equals(String.valueOf(backup.get("succeeded")));
                Object at = backup.get("completionTime") != null ? backup.get("completionTime") : backup.get("startTime");
                Fields.parseInstant(at == null ? null : at.toString()).ifPresent(t -> finished.add(new ScheduleRuns.Run(
                        object + " scheduled backup " + backup.get("cronJobName"), "status.pgbackrest.scheduledBackups",
                        ok ? "succeeded" : "failed", t, ok)));
            }
        }
        Verdict verdict = runs.judge(Coverage.OPERATOR, "pgbackrest of " + namespace + "/" + name,
                new ScheduleRuns.Cron(object, "spec.backups.pgbackrest.repos[*].schedules", cron),
                finished, evidence, issues, "check `kubectl describe postgrescluster " + name + " -n " + namespace + "`");
        int instances = Fields.list(cluster, "spec", "instances").stream()
                .mapToInt(i -> i instanceof Map<?, ?> set && set.get("replicas") instanceof Number n ? n.intValue() : 1)
                .sum();
        Coverage coverage = verdict.coverage();
        List<Issue> all = new ArrayList<>(verdict.issues());
        if (!coverage.isCovered()) {
            all.addAll(issues);
            all.add(new Issue(instances > 1 ? Severity.HIGH : Severity.CRITICAL, "no backup: "
                    + (verdict instanceof Verdict.NeverSucceeded never ? never.why() : "no pgBackRest backup"),
                    "check `kubectl describe postgrescluster " + name + " -n " + namespace + "` and the backup jobs"));
        }
        String version = Fields.string(cluster, "spec", "postgresVersion").orElse(null);
        return finding(namespace, name, "PostgresCluster", version, "PostgresCluster spec.postgresVersion", coverage,
                all, verdict.evidence(), Optional.of(verdict).filter(v -> v.coverage().isCovered()), instances);
    }

    private AuditFinding finding(String namespace, String name, String kind, String version, String versionField,
                                 Coverage coverage, List<Issue> issues, List<Evidence> evidence,
                                 Optional<Verdict> best, int instances) {
        List<Issue> all = new ArrayList<>(issues);
        if (instances <= 1) {
            all.add(Issue.of(coverage.isCovered() ? Severity.LOW : Severity.INFO,
                    "single instance: a lost node means a restore from backup"));
        }
        java.time.Instant last = best.map(v -> v instanceof Verdict.Protects p ? p.lastBackup()
                : v instanceof Verdict.Stale s ? s.lastBackup() : null).orElse(null);
        Duration window = best.map(v -> v instanceof Verdict.Protects p ? p.dataLossWindow(clock) : null)
                .orElse(last == null ? null : Duration.between(last, clock.instant()));
        EngineVersion engineVersion = version == null ? EngineVersion.unknown(versionField + " is not set")
                : new EngineVersion(version, EngineVersion.Source.OPERATOR, versionField);
        String operator = kind.equals("postgresql") ? "zalando" : "crunchy";
        return new AuditFinding(namespace, name, kind, "postgresql" + (version == null ? "" : " " + version)
                + " (" + operator + ")", coverage, Issue.worst(all), Issue.reasons(all),
                Issue.remedy(all, "nothing to do"), volumes(namespace, name), last, engineVersion, evidence, window,
                List.of());
    }

    private List<VolumeInfo> volumes(String namespace, String name) {
        StorageIndex storage = new StorageIndex(inventory);
        return inventory.claims().stream().filter(c -> namespace.equals(c.getMetadata().getNamespace()))
                .filter(c -> c.getMetadata().getLabels() != null
                        && (name.equals(c.getMetadata().getLabels().get("cluster-name"))
                        || name.equals(c.getMetadata().getLabels().get("postgres-operator.crunchydata.com/cluster"))))
                .map(c -> storage.describe("pvc", c)).toList();
    }

    private Optional<StatefulSet> statefulSet(String namespace, String name) {
        return inventory.statefulSets().stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())
                && name.equals(s.getMetadata().getName())).findFirst();
    }

    private Optional<CronJob> cronJob(String namespace, String name) {
        return inventory.cronJobs().stream().filter(c -> namespace.equals(c.getMetadata().getNamespace())
                && name.equals(c.getMetadata().getName())).findFirst();
    }

    private static List<ScheduleRuns.Run> lastSuccess(CronJob job) {
        String object = "CronJob " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
        return job.getStatus() == null ? List.of() : Fields.parseInstant(job.getStatus().getLastSuccessfulTime())
                .map(t -> List.of(new ScheduleRuns.Run(object, "status.lastSuccessfulTime", t.toString(), t, true)))
                .orElse(List.of());
    }
}
