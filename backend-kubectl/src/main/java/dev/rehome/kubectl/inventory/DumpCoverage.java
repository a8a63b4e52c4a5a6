package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CronJobs that dump a database (pg_dump, mysqldump, mongodump, ...) and reach it through its Service or Secret.
 * A dump is coverage only when it leaves the node: uploaded (s3://, gsutil, rclone, restic, ...) or written to
 * another claim on network storage. A dump into an emptyDir dies with the job's pod, one into the database's own
 * claim dies with it, and one on node-local storage dies with the node.
 */
final class DumpCoverage {
    private static final List<String> DUMP_TOOLS = List.of("pg_dump", "pg_dumpall", "pg_basebackup", "mysqldump",
            "mariadb-dump", "mydumper", "mongodump", "redis-cli --rdb");
    private static final List<String> UPLOADS = List.of("s3://", "gs://", "aws s3", "gsutil", "rclone", "mc cp",
            "mc mirror", "s3cmd", "az storage", "azcopy", "restic", "--upload-file", "curl -t", "wal-g", "pgbackrest");

    private final ClusterInventory inventory;
    private final StorageIndex storage;
    private final ScheduleRuns runs;
    private final ConsumerFinder consumers;

    DumpCoverage(ClusterInventory inventory, StorageIndex storage, ScheduleRuns runs, ConsumerFinder consumers) {
        this.inventory = inventory;
        this.storage = storage;
        this.runs = runs;
        this.consumers = consumers;
    }

    List<Verdict> evaluate(DataStore store) {
        DatabaseLinks links = DatabaseLinks.of(store.workload(), store.container(), inventory.services());
        List<Verdict> verdicts = new ArrayList<>();
        for (ConsumerFinder.Reach reach : consumers.reaches(store.workload(), links)) {
            if (reach.candidate().owner() instanceof CronJob cronJob) {
                PodSpec spec = reach.candidate().spec();
                spec.getContainers().stream().filter(c -> dumpTool(c).isPresent()).findFirst()
                        .ifPresent(c -> verdicts.add(assess(cronJob, spec, c, store)));
            }
        }
        return verdicts;
    }

    private Verdict assess(CronJob cronJob, PodSpec spec, Container container, DataStore store) {
        String qualified = cronJob.getMetadata().getNamespace() + "/" + cronJob.getMetadata().getName();
        String via = "dump cronjob " + qualified;
        String object = "CronJob " + qualified;
        String field = "spec.jobTemplate.spec.template.spec.containers[" + container.getName() + "]";
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(object, field + ".command", dumpTool(container).orElseThrow(),
                "dumps " + store.workload().qualifiedName()));
        Optional<String> upload = upload(container);
        if (upload.isPresent()) {
            evidence.add(new Evidence(object, field, "…" + upload.get() + "…", "uploads the dump off the node"));
        } else {
            Optional<String> stays = staysOnNode(cronJob, spec, container, store, evidence);
            if (stays.isPresent()) {
                return new Verdict.CannotCapture(Coverage.DUMP, via, via + " dumps it, but " + stays.get(),
                        "upload the dump off the node (e.g. to S3) in " + qualified, evidence);
            }
        }
        List<Issue> issues = new ArrayList<>();
        if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
            issues.add(Issue.of(Severity.HIGH, via + " is suspended: no new dumps"));
            evidence.add(new Evidence(object, "spec.suspend", "true", "takes no new dumps"));
        }
        return runs.judge(Coverage.DUMP, via,
                new ScheduleRuns.Cron(object, "spec.schedule", cronJob.getSpec().getSchedule()), jobRuns(cronJob, object),
                evidence, issues, "check `kubectl get jobs -n " + cronJob.getMetadata().getNamespace() + "` and the "
                        + "last job's logs");
    }

    /** Where the dump stays when it is not uploaded, or empty when it is written to network storage. */
    private Optional<String> staysOnNode(CronJob cronJob, PodSpec spec, Container container, DataStore store,
                                         List<Evidence> evidence) {
        String object = "CronJob " + cronJob.getMetadata().getNamespace() + "/" + cronJob.getMetadata().getName();
        List<VolumeMount> mounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        for (VolumeMount mount : mounts) {
            Volume volume = spec.getVolumes() == null ? null : spec.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
            if (volume == null || volume.getSecret() != null || volume.getConfigMap() != null
                    || volume.getProjected() != null) {
                continue;
            }
            String field = "spec.jobTemplate.spec.template.spec.volumes[" + volume.getName() + "]";
            if (volume.getEmptyDir() != null) {
                evidence.add(new Evidence(object, field + ".emptyDir", "{}", "deleted with the job's pod"));
                return Optional.of("writes it into emptyDir " + volume.getName() + " (at " + mount.getMountPath()
                        + "), which is deleted with the job's pod");
            }
            if (volume.getHostPath() != null) {
                evidence.add(new Evidence(object, field + ".hostPath.path", volume.getHostPath().getPath(), "one node's disk"));
                return Optional.of("writes it into hostPath " + volume.getHostPath().getPath() + " on one node");
            }
            if (volume.getPersistentVolumeClaim() != null) {
                String claim = volume.getPersistentVolumeClaim().getClaimName();
                evidence.add(new Evidence(object, field + ".persistentVolumeClaim.claimName", claim, ""));
                if (store.claimNames().contains(claim)) {
                    return Optional.of("writes it into the database's own claim " + claim + ": one lost volume takes both");
                }
                boolean nodeLocal = storage.claim(cronJob.getMetadata().getNamespace(), claim)
                        .map(c -> storage.describe("pvc", c).nodeLocal()).orElse(false);
                return nodeLocal ? Optional.of("writes it into claim " + claim + " on node-local storage") : Optional.empty();
            }
        }
        return Optional.of("writes it inside the job's container, which is deleted with the pod");
    }

    /** The last success, and a newer scheduled run that ended without success as a failure. */
    private static List<ScheduleRuns.Run> jobRuns(CronJob cronJob, String object) {
        var status = cronJob.getStatus();
        if (status == null) {
            return List.of();
        }
        List<ScheduleRuns.Run> runs = new ArrayList<>();
        Optional<Instant> success = Fields.parseInstant(status.getLastSuccessfulTime());
        Optional<Instant> scheduled = Fields.parseInstant(status.getLastScheduleTime());
        success.ifPresent(t -> runs.add(new ScheduleRuns.Run(object, "status.lastSuccessfulTime", t.toString(), t, true)));
        boolean running = status.getActive() != null && !status.getActive().isEmpty();
        if (scheduled.isPresent() && !running && success.map(t -> t.isBefore(scheduled.get())).orElse(true)) {
            runs.add(new ScheduleRuns.Run(object, "status.lastScheduleTime", scheduled.get()
                    + " (no success since)", scheduled.get(), false));
        }
        return runs;
    }

    private static Optional<String> dumpTool(Container container) {
        String line = line(container);
        return DUMP_TOOLS.stream().filter(line::contains).findFirst();
    }

    private static Optional<String> upload(Container container) {
        String line = line(container) + " " + (container.getEnv() == null ? "" : container.getEnv().stream()
                .map(EnvVar::getValue).filter(v -> v != null).collect(Collectors.joining(" "))).toLowerCase(Locale.ROOT);
        return UPLOADS.stream().filter(line::contains).findFirst();
    }

    private static String line(Container container) {
        return Stream.concat(container.getCommand() == null ? Stream.empty() : container.getCommand().stream(),
                container.getArgs() == null ? Stream.empty() : container.getArgs().stream())
                .collect(Collectors.joining(" ")).toLowerCase(Locale.ROOT);
    }
}
