package dev.rehome.testkit.kube;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.tls.TestCa;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Backups and restores are real for a cluster whose primary is played by an embedded server
 * ({@link #serveCluster}): a completed Backup is a physical base backup of that server, and a new Cluster with
 * {@code bootstrap.recovery} (by {@code backup.name}, or by {@code source} and {@code externalClusters} with the
 * object store or plugin) gets a fresh server recovered from it, bound to its pod {@code NAME-1}, with a PVC
 * {@code NAME-1}, with TLS from a CA of the Cluster's own in Secret {@code NAME-ca} (unless
 * {@link #withoutCertificates}); deleting the Cluster stops and deletes that server, its pods and that Secret.
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
    private final RealBackups store = new RealBackups();
    private final PodBinder binder;
    private final Map<String, TestCa> cas = new ConcurrentHashMap<>();
    private volatile boolean holdRecoveries;
    private volatile boolean certificates = true;
    private volatile BackupOutcome outcome = BackupOutcome.COMPLETE;
    private volatile String failure = "barman-cloud-backup exited 1: could not connect to the object store";

    private FakeCnpgOperator(KubernetesClient client, Clock clock, PodBinder binder) {
        this.client = client;
        this.clock = clock;
        this.binder = binder;
    }

    /** Starts the operator against any client; prefer {@link InProcessCluster#startCnpgOperator(Clock)}. */
    public static FakeCnpgOperator start(KubernetesClient client, Clock clock) {
        return start(client, clock, (ns, pod, env) -> { });
    }

    /** Started by {@link InProcessCluster}, which binds the pods of recovery Clusters to their servers. */
    static FakeCnpgOperator start(KubernetesClient client, Clock clock, PodBinder binder) {
        FakeCnpgOperator operator = new FakeCnpgOperator(client, clock, binder);
        operator.watch(CnpgResources.BACKUP, operator::reconcileBackup, b -> { });
        operator.watch(CnpgResources.CLUSTER, operator::reconcileCluster, operator::clusterDeleted);
        return operator;
    }

    /**
     * Backups of Cluster {@code namespace/cluster} from now on are real base backups of {@code primary}, and
     * recovery Clusters can bootstrap from them.
     */
    public FakeCnpgOperator serveCluster(String namespace, String cluster, PostgresServer primary) {
        store.serve(namespace, cluster, primary);
        return this;
    }

    /** Recovery Clusters created from now on never become ready, e.g. to prove a wait gives up at its deadline. */
    public FakeCnpgOperator holdRecoveries() {
        holdRecoveries = true;
        return this;
    }

    /** Recovery Clusters bootstrap again (the default). */
    public FakeCnpgOperator recoverClusters() {
        holdRecoveries = false;
        return this;
    }

    /**
     * Recovery Clusters created from now on get no CA and serve without TLS: for the sandboxes, which reach every
     * server without TLS and whose lean jars keep only the BouncyCastle classes the in-process API links.
     */
    public FakeCnpgOperator withoutCertificates() {
        certificates = false;
        return this;
    }

    /** How many servers recovered for Clusters are running now: 0 once every recovery Cluster is deleted. */
    public int recoveredServers() {
        return store.recoveredServers();
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
                       Consumer<GenericKubernetesResource> reconcile, Consumer<GenericKubernetesResource> deleted) {
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
                        worker.execute(() -> safely(deleted, obj));
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
            String id = BACKUP_ID.format(clock.instant());
            String ns = backup.getMetadata().getNamespace();
            Object cluster = backup.get("spec", "cluster", "name");
            if (cluster != null && store.serves(ns, cluster.toString())) {
                try {
                    store.take(ns, backup.getMetadata().getName(), cluster.toString(), id);
                } catch (RuntimeException e) {
                    status.put("phase", "failed");
                    status.put("error", "base backup failed: " + e.getMessage());
                    writeStatus(backup, status, "phase");
                    return;
                }
            }
            status.put("phase", "completed");
            status.put("backupId", id);
            status.put("backupName", backup.getMetadata().getName());
        }
        writeStatus(backup, status, "phase");
    }

    private void reconcileCluster(GenericKubernetesResource cluster) {
        if (cluster.get("spec", "bootstrap", "recovery") != null) {
            if (cluster.get("status", "phase") == null) {
                new RecoveryClusters(client, store, binder, this::writeStatus, this::caOf)
                        .reconcile(cluster, holdRecoveries);
            }
            return;
        }
        if (cluster.get("status", "currentPrimary") != null
                || (cluster.getMetadata().getAnnotations() != null
                        && cluster.getMetadata().getAnnotations().containsKey(InProcessCluster.SEEDED_STATUS_PENDING))) {
            return;
        }
        String name = cluster.getMetadata().getName();
        Object instances = cluster.get("spec", "instances");
        int count = instances instanceof Number n ? n.intValue() : 1;
        writeStatus(cluster, CnpgInstances.healthyStatus(name, count), "currentPrimary");
        for (int i = 1; i <= count; i++) {
            CnpgInstances.ensurePod(client, cluster, name + "-" + i, i == 1);
        }
    }

    /** One CA per recovery Cluster (by UID), so a repeated reconcile keeps the one already published. */
    private Optional<TestCa> caOf(GenericKubernetesResource cluster) {
        if (!certificates) {
            return Optional.empty();
        }
        return Optional.of(cas.computeIfAbsent(cluster.getMetadata().getUid(),
                uid -> TestCa.generate(cluster.getMetadata().getName() + " CA", clock)));
    }

    private void clusterDeleted(GenericKubernetesResource cluster) {
        String ns = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        if (store.forget(ns, name)) {
            // the garbage collector removes a recovery Cluster's pods and CA Secret with it
            client.pods().inNamespace(ns).withLabel("cnpg.io/cluster", name).delete();
            client.secrets().inNamespace(ns).withName(RecoveryClusters.caSecretName(name)).delete();
            cas.remove(cluster.getMetadata().getUid());
        }
    }

    /** Writes {@code status} unless someone (a seeded manifest, a test) set {@code field} meanwhile. */
    void writeStatus(GenericKubernetesResource resource, Map<String, Object> status, String field) {
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
        worker.shutdown();
        try {
            // a backup or a recovered server being stopped must finish, or its postmaster outlives the cluster
            worker.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
        store.close();
    }
}
