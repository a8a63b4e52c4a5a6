package dev.rehome.testkit.kube;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.tls.TestCa;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What CNPG does for a new Cluster with {@code bootstrap.recovery}: finds the backup it names, restores it into
 * the first instance's PVC ({@code NAME-1}) and starts the instance; here a fresh embedded server recovered from the
 * {@link RealBackups} copy plays pod {@code NAME-1}. A backup that cannot be found leaves the Cluster setting up
 * forever, with the reason in a {@code Ready=False} condition, as the failing full-recovery Job would. Like CNPG,
 * it gives the new Cluster a CA of its own in Secret {@code NAME-ca} (key {@code ca.crt}) and the server a
 * certificate from it naming {@code NAME-rw} in every form CNPG uses (when the operator hands it a CA); plain
 * connections stay allowed.
 */
final class RecoveryClusters {
    @FunctionalInterface
    interface StatusWriter {
        void write(GenericKubernetesResource resource, Map<String, Object> status, String unlessSet);
    }

    private final KubernetesClient client;
    private final RealBackups store;
    private final PodBinder binder;
    private final StatusWriter status;

    private final Function<GenericKubernetesResource, Optional<TestCa>> caOf;

    /**
     * @param caOf the CA of a recovery Cluster, the same one each time it is asked about the same Cluster; empty for
     *             a server without TLS
     */
    RecoveryClusters(KubernetesClient client, RealBackups store, PodBinder binder, StatusWriter status,
                     Function<GenericKubernetesResource, Optional<TestCa>> caOf) {
        this.client = client;
        this.store = store;
        this.binder = binder;
        this.status = status;
        this.caOf = caOf;
    }

    void reconcile(GenericKubernetesResource cluster, boolean hold) {
        String ns = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        if (hold) {
            status.write(cluster, settingUp("the full-recovery Job is still pulling its image"), "phase");
            return;
        }
        Optional<RealBackups.Stored> backup = store.find(cluster);
        if (backup.isEmpty()) {
            status.write(cluster, settingUp("no target backup found"), "phase");
            return;
        }
        boolean immediate = Boolean.TRUE.equals(cluster.get("spec", "bootstrap", "recovery", "recoveryTarget", "targetImmediate"));
        Optional<TestCa> ca = caOf.apply(cluster);
        ca.ifPresent(c -> caSecret(cluster, c));
        PostgresServer server = store.recover(ns, name, backup.get(), immediate,
                ca.map(c -> c.issueServer(TestCa.cnpgServiceNames(name, ns))));
        binder.bind(ns, name + "-1", PodEnvironment.postgres(server));
        claim(cluster, name + "-1");
        CnpgInstances.ensurePod(client, cluster, name + "-1", true);
        status.write(cluster, CnpgInstances.healthyStatus(name, 1), "phase");
    }

    private static Map<String, Object> settingUp(String why) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("phase", "Setting up primary");
        s.put("instances", 1);
        s.put("readyInstances", 0);
        s.put("conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", "ClusterIsNotReady",
                "message", why)));
        return s;
    }

    /** {@code NAME-ca}, owned by the Cluster as CNPG's is (so the garbage collector would remove it with it). */
    private void caSecret(GenericKubernetesResource cluster, TestCa ca) {
        String ns = cluster.getMetadata().getNamespace();
        String secret = caSecretName(cluster.getMetadata().getName());
        if (client.secrets().inNamespace(ns).withName(secret).get() != null) {
            return;
        }
        client.resource(new SecretBuilder()
                .withNewMetadata().withName(secret).withNamespace(ns)
                .addToLabels("cnpg.io/cluster", cluster.getMetadata().getName())
                .addNewOwnerReference().withApiVersion("postgresql.cnpg.io/v1").withKind("Cluster")
                .withName(cluster.getMetadata().getName()).withUid(cluster.getMetadata().getUid()).withController(true)
                .endOwnerReference()
                .endMetadata()
                .addToData("ca.crt", Base64.getEncoder().encodeToString(
                        ca.certificatePem().getBytes(StandardCharsets.US_ASCII)))
                .build()).create();
    }

    static String caSecretName(String cluster) {
        return cluster + "-ca";
    }

    /** The instance's PVC, owned by the Cluster and labelled as CNPG labels it. */
    private void claim(GenericKubernetesResource cluster, String pvc) {
        String ns = cluster.getMetadata().getNamespace();
        if (client.persistentVolumeClaims().inNamespace(ns).withName(pvc).get() != null) {
            return;
        }
        Object size = cluster.get("spec", "storage", "size");
        Object storageClass = cluster.get("spec", "storage", "storageClass");
        client.resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(pvc).withNamespace(ns)
                .addToLabels("cnpg.io/cluster", cluster.getMetadata().getName())
                .addToLabels("cnpg.io/instanceName", pvc)
                .addToLabels("cnpg.io/pvcRole", "PG_DATA")
                .addNewOwnerReference().withApiVersion("postgresql.cnpg.io/v1").withKind("Cluster")
                .withName(cluster.getMetadata().getName()).withUid(cluster.getMetadata().getUid()).withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass == null ? null : storageClass.toString())
                .withNewResources().addToRequests("storage", new Quantity(size == null ? "1Gi" : size.toString()))
                .endResources().endSpec()
                .build()).create();
    }
}
