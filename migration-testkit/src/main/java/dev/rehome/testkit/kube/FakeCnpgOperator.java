package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the CloudNativePG operator would do to the objects rehome reads, driven by informers: a new {@code Backup}
 * goes to {@code completed} with a {@code backupId}, {@code startedAt} and {@code stoppedAt} (or to {@code failed}
 * when told to, or stays pending when held), and a {@code Cluster} without status gets a healthy one
 * ({@code currentPrimary = NAME-1}, ready instances = {@code spec.instances}) and Running instance pods
 * {@code NAME-1..n} labelled as CNPG labels them (container {@code postgres}; bind {@code NAME-1} to a server with
 * {@link InProcessCluster#bindPod} to exec into the primary).
 */
public final class FakeCnpgOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeCnpgOperator.class);
    private static final DateTimeFormatter BACKUP_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /** What happens to the next Backups. */
    public enum BackupOutcome { COMPLETE, FAIL, HOLD }

    private final KubernetesClient client;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "fake-cnpg-operator"));
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private volatile BackupOutcome outcome = BackupOutcome.COMPLETE;
    private volatile String failure = "barman-cloud-backup exited 1: could not connect to the object store";

    private FakeCnpgOperator(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Starts the operator against any client; prefer {@link InProcessCluster#startCnpgOperator(Clock)}. */
    public static FakeCnpgOperator start(KubernetesClient client, Clock clock) {
        FakeCnpgOperator operator = new FakeCnpgOperator(client, clock);
        operator.watch(CnpgResources.BACKUP, operator::reconcileBackup);
        operator.watch(CnpgResources.CLUSTER, operator::reconcileCluster);
        return operator;
    }

    /** New Backups complete (the default). */
    public FakeCnpgOperator completeBackups() {
        outcome = BackupOutcome.COMPLETE;
        return this;
    }

    /** New Backups fail with {@code error} in {@code status.error}. */
    public FakeCnpgOperator failBackups(String error) {
        failure = error;
        outcome = BackupOutcome.FAIL;
        return this;
    }

    /** New Backups stay {@code pending}, e.g. to prove a wait gives up at its deadline. */
    public FakeCnpgOperator holdBackups() {
        outcome = BackupOutcome.HOLD;
        return this;
    }

    private void watch(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
                       Consumer<GenericKubernetesResource> reconcile) {
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(kind)
                .inAnyNamespace()
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource obj) {
                        worker.execute(() -> safely(reconcile, obj));
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                        worker.execute(() -> safely(reconcile, newObj));
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                        // nothing to clean up
                    }
                });
        informers.add(informer);
    }

    private void reconcileBackup(GenericKubernetesResource backup) {
        if (backup.get("status", "phase") != null || outcome == BackupOutcome.HOLD) {
            return;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        String now = clock.instant().toString();
        Object method = backup.get("spec", "method");
        status.put("method", method == null ? "barmanObjectStore" : method);
        status.put("startedAt", now);
        status.put("stoppedAt", now);
        if (outcome == BackupOutcome.FAIL) {
            status.put("phase", "failed");
            status.put("error", failure);
        } else {
            status.put("phase", "completed");
            status.put("backupId", BACKUP_ID.format(clock.instant()));
            status.put("backupName", backup.getMetadata().getName());
        }
        writeStatus(backup, status, "phase");
    }

    private void reconcileCluster(GenericKubernetesResource cluster) {
        if (cluster.get("status", "currentPrimary") != null
                || (cluster.getMetadata().getAnnotations() != null
                        && cluster.getMetadata().getAnnotations().containsKey(InProcessCluster.SEEDED_STATUS_PENDING))) {
            return;
        }
        String name = cluster.getMetadata().getName();
        Object instances = cluster.get("spec", "instances");
        int count = instances instanceof Number n ? n.intValue() : 1;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(name + "-" + i);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Cluster in healthy state");
        status.put("instances", count);
        status.put("readyInstances", count);
        status.put("instanceNames", names);
        status.put("currentPrimary", name + "-1");
        status.put("targetPrimary", name + "-1");
        status.put("writeService", name + "-rw");
        status.put("readService", name + "-r");
        writeStatus(cluster, status, "currentPrimary");
        for (int i = 1; i <= count; i++) {
            ensureInstancePod(cluster, name + "-" + i, i == 1);
        }
    }

    /** The instance pods CNPG would run, labelled as CNPG labels them, so discovery by label and exec find them. */
    private void ensureInstancePod(GenericKubernetesResource cluster, String podName, boolean primary) {
        String ns = cluster.getMetadata().getNamespace();
        if (client.pods().inNamespace(ns).withName(podName).get() != null) {
            return;
        }
        String role = primary ? "primary" : "replica";
        client.resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withNamespace(ns).withName(podName)
                .addToLabels("cnpg.io/cluster", cluster.getMetadata().getName())
                .addToLabels("cnpg.io/instanceName", podName)
                .addToLabels("cnpg.io/podRole", "instance")
                .addToLabels("cnpg.io/instanceRole", role)
                .addToLabels("role", role)
                .endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("ghcr.io/cloudnative-pg/postgresql")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    /** Writes {@code status} unless someone (a seeded manifest, a test) set {@code field} meanwhile. */
    private void writeStatus(GenericKubernetesResource resource, Map<String, Object> status, String field) {
        GenericKubernetesResource fresh = client.resource(resource).get();
        if (fresh == null || fresh.get("status", field) != null) {
            return;
        }
        fresh.setAdditionalProperty("status", status);
        client.resource(fresh).updateStatus();
    }

    private static void safely(Consumer<GenericKubernetesResource> reconcile, GenericKubernetesResource obj) {
        try {
            reconcile.accept(obj);
        } catch (KubernetesClientException e) {
            // a conflict means a newer event is queued; it will be reconciled from there
            LOG.debug("fake CNPG operator skipped {}: {}", obj.getMetadata().getName(), e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        worker.shutdownNow();
    }
}
