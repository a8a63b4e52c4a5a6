package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.VolumeInfo;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether a CloudNativePG Cluster is really backed up (cnpg-facts "Backup-coverage checks"): an archiver
 * that reaches an object store, WAL archiving working, a completed base backup inside the retention window,
 * {@code LastBackupSucceeded}, and a ScheduledBackup whose cron has six fields.
 */
final class CnpgClusterAssessor {
    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";
    /** How old the newest backup may be when the cluster states no retention window. */
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    /** PostgreSQL's archive_timeout as CNPG sets it by default: a WAL segment is archived at least this often. */
    private static final Duration ARCHIVE_TIMEOUT = Duration.ofMinutes(5);

    private final ClusterInventory inventory;
    private final StorageIndex storage;
    private final Clock clock;

    CnpgClusterAssessor(ClusterInventory inventory, StorageIndex storage, Clock clock) {
        this.inventory = inventory;
        this.storage = storage;
        this.clock = clock;
    }

    AuditFinding assess(GenericKubernetesResource cluster) {
        String namespace = Fields.namespace(cluster);
        String name = Fields.name(cluster);
        String qualified = namespace + "/" + name;
        int instances = Fields.integer(cluster, "spec", "instances").orElse(1);
        List<Issue> issues = new ArrayList<>();
        Optional<String> archiver = archiver(cluster);
        Instant lastBackup = lastCompletedBackup(cluster, archiver.isPresent()).orElse(null);
        Coverage coverage;
        if (archiver.isPresent()) {
            coverage = Coverage.CNPG;
            checkArchiving(cluster, issues, qualified);
            checkBackups(cluster, lastBackup, issues, qualified);
            new CnpgSchedules(inventory).check(namespace, name, issues);
        } else if (lastBackup != null && Fields.map(cluster, "spec", "backup", "volumeSnapshot").isPresent()) {
            coverage = Coverage.SNAPSHOTS;
            issues.add(new Issue(Severity.MEDIUM, "volume snapshots only: no WAL archive, no point-in-time recovery",
                    "add an object store (barman-cloud plugin with isWALArchiver: true) to " + qualified));
            checkBackups(cluster, lastBackup, issues, qualified);
            new CnpgSchedules(inventory).check(namespace, name, issues);
        } else {
            coverage = Coverage.NONE;
            issues.add(noArchiver(cluster, instances, qualified));
        }
        if (instances <= 1) {
            issues.add(Issue.of(coverage.isCovered() ? Severity.LOW : Severity.INFO,
                    "single instance: a lost node means a restore from backup"));
        }
        if (issues.stream().noneMatch(i -> i.severity().reaches(Severity.LOW))) {
            issues.add(Issue.of(Severity.INFO, "backed up: WALs archived via " + archiver.orElse("snapshots")
                    + (lastBackup == null ? "" : ", last base backup " + age(lastBackup) + " ago")));
        }
        return new AuditFinding(namespace, name, "Cluster", CnpgFacts.engine(cluster), coverage, Issue.worst(issues),
                Issue.reasons(issues), Issue.remedy(issues, "nothing to do"), volumes(namespace, name),
                coverage.isCovered() ? lastBackup : null, CnpgFacts.version(cluster), CnpgFacts.evidence(cluster, archiver, lastBackup),
                coverage.isCovered() ? dataLossWindow(cluster, archiver, lastBackup, issues) : null, List.of());
    }

    /**
     * With WALs archived and a fresh base backup, a restore reaches the last archived WAL: at most
     * {@code archive_timeout} (5 minutes by default) behind. Otherwise only the base backup is there.
     */
    private Duration dataLossWindow(GenericKubernetesResource cluster, Optional<String> archiver, Instant lastBackup,
                                    List<Issue> issues) {
        if (lastBackup == null) {
            return null;
        }
        boolean walsFlowing = archiver.isPresent() && Fields.condition(cluster, "ContinuousArchiving")
                .filter(c -> "True".equals(c.get("status"))).isPresent();
        boolean fresh = issues.stream().noneMatch(i -> i.severity().reaches(Severity.HIGH));
        return walsFlowing && fresh ? ARCHIVE_TIMEOUT : Duration.between(lastBackup, clock.instant());
    }

    /** The object store WALs go to, when the cluster has one: in-tree Barman or a WAL-archiver plugin. */
    static Optional<String> archiver(GenericKubernetesResource cluster) {
        if ("enabled".equals(annotation(cluster, "cnpg.io/skipWalArchiving"))) {
            return Optional.empty();
        }
        if (Fields.map(cluster, "spec", "backup", "barmanObjectStore").isPresent()) {
            return Optional.of("barmanObjectStore " + Fields.string(cluster, "spec", "backup", "barmanObjectStore",
                    "destinationPath").orElse("(no destinationPath)"));
        }
        for (Object entry : Fields.list(cluster, "spec", "plugins")) {
            if (entry instanceof Map<?, ?> plugin && Boolean.TRUE.equals(plugin.get("isWALArchiver"))
                    && !Boolean.FALSE.equals(plugin.get("enabled"))) {
                Object params = plugin.get("parameters");
                Object store = params instanceof Map<?, ?> map ? map.get("barmanObjectName") : null;
                return Optional.of("plugin " + plugin.get("name") + (store == null ? "" : " (" + store + ")"));
            }
        }
        return Optional.empty();
    }

    private Issue noArchiver(GenericKubernetesResource cluster, int instances, String qualified) {
        String reason = Fields.condition(cluster, "ContinuousArchiving").filter(c -> "True".equals(c.get("status")))
                .isPresent()
                ? "ContinuousArchiving is True but no object store is configured: CNPG reports success and discards the WALs"
                : "no object store configured: no WAL archive and no base backups";
        Severity severity = instances > 1 ? Severity.HIGH : Severity.CRITICAL;
        String detail = instances > 1 ? " (" + instances + " instances copy each other, but a bad write reaches them all)" : "";
        return new Issue(severity, reason + detail, "configure spec.backup.barmanObjectStore or the "
                + BARMAN_PLUGIN + " plugin with isWALArchiver: true on " + qualified);
    }

    private void checkArchiving(GenericKubernetesResource cluster, List<Issue> issues, String qualified) {
        Fields.condition(cluster, "ContinuousArchiving").filter(c -> "False".equals(c.get("status"))).ifPresent(c ->
                issues.add(new Issue(Severity.HIGH, "WAL archiving is failing: " + c.get("message"),
                        "check `kubectl cnpg status " + qualified + "` and the object store's credentials")));
    }

    private void checkBackups(GenericKubernetesResource cluster, Instant lastBackup, List<Issue> issues,
                              String qualified) {
        Fields.condition(cluster, "LastBackupSucceeded").filter(c -> "False".equals(c.get("status"))).ifPresent(c ->
                issues.add(new Issue(Severity.HIGH, "the last backup failed: " + c.get("message"),
                        "check `kubectl cnpg status " + qualified + "` and the failed Backup's status.error")));
        Duration retention = retention(cluster).orElse(DEFAULT_WINDOW);
        Optional<Duration> twoPeriods = new CnpgSchedules(inventory).period(cluster).map(p -> p.multipliedBy(2));
        Duration window = twoPeriods.filter(p -> p.compareTo(retention) < 0).orElse(retention);
        String bound = window.equals(retention) ? "the " + Ages.describe(retention) + " retention window"
                : "two periods of its ScheduledBackup (" + Ages.describe(window) + ")";
        if (lastBackup == null) {
            issues.add(new Issue(Severity.HIGH, "no completed base backup yet",
                    "take one: `kubectl cnpg backup " + qualified + "`, then add a ScheduledBackup"));
        } else if (Duration.between(lastBackup, clock.instant()).compareTo(window) > 0) {
            issues.add(new Issue(Severity.HIGH, "stale: the newest completed backup is " + age(lastBackup)
                    + " old, outside " + bound,
                    "check the ScheduledBackup and `kubectl cnpg status " + qualified + "`"));
        }
    }

    private Optional<Instant> lastCompletedBackup(GenericKubernetesResource cluster, boolean hasArchiver) {
        String namespace = Fields.namespace(cluster);
        String name = Fields.name(cluster);
        Optional<Instant> fromBackups = inventory.custom(CustomKind.CNPG_BACKUP).stream()
                .filter(b -> namespace.equals(Fields.namespace(b)))
                .filter(b -> Fields.string(b, "spec", "cluster", "name").filter(name::equals).isPresent())
                .filter(b -> "completed".equals(Fields.string(b, "status", "phase").orElse("")))
                .map(b -> Fields.instant(b, "status", "stoppedAt").or(() -> Fields.instant(b, "status", "startedAt")))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
        Optional<Instant> fromStatus = Fields.instant(cluster, "status", "lastSuccessfulBackup");
        Optional<Instant> fromStore = hasArchiver ? objectStoreLastBackup(cluster) : Optional.empty();
        return Stream.of(fromBackups, fromStatus, fromStore).flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    /** Plugin backups never set the cluster's status fields; the ObjectStore's recovery window has them. */
    private Optional<Instant> objectStoreLastBackup(GenericKubernetesResource cluster) {
        return pluginObjectStore(cluster).flatMap(store -> {
            String server = Objects.requireNonNullElse(pluginParameter(cluster, "serverName"), Fields.name(cluster));
            return Fields.instant(store, "status", "serverRecoveryWindow", server, "lastSuccessfulBackupTime");
        });
    }

    private Optional<Duration> retention(GenericKubernetesResource cluster) {
        return Ages.cnpgRetention(Fields.string(cluster, "spec", "backup", "retentionPolicy").orElse(null))
                .or(() -> pluginObjectStore(cluster)
                        .flatMap(store -> Ages.cnpgRetention(
                                Fields.string(store, "spec", "retentionPolicy").orElse(null))));
    }

    private Optional<GenericKubernetesResource> pluginObjectStore(GenericKubernetesResource cluster) {
        String storeName = pluginParameter(cluster, "barmanObjectName");
        return inventory.custom(CustomKind.BARMAN_OBJECT_STORE).stream()
                .filter(s -> Fields.namespace(cluster).equals(Fields.namespace(s)))
                .filter(s -> Fields.name(s).equals(storeName)).findFirst();
    }

    private static String pluginParameter(GenericKubernetesResource cluster, String parameter) {
        for (Object entry : Fields.list(cluster, "spec", "plugins")) {
            if (entry instanceof Map<?, ?> plugin && BARMAN_PLUGIN.equals(plugin.get("name"))
                    && plugin.get("parameters") instanceof Map<?, ?> params && params.get(parameter) != null) {
                return params.get(parameter).toString();
            }
        }
        return null;
    }

    private List<VolumeInfo> volumes(String namespace, String name) {
        return inventory.claims().stream()
                .filter(c -> namespace.equals(c.getMetadata().getNamespace()))
                .filter(c -> c.getMetadata().getLabels() != null
                        && name.equals(c.getMetadata().getLabels().get("cnpg.io/cluster")))
                .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
                .map(c -> storage.describe("pvc", c)).toList();
    }

    private static String annotation(GenericKubernetesResource resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private String age(Instant instant) {
        return Ages.describe(Duration.between(instant, clock.instant()));
    }
}
