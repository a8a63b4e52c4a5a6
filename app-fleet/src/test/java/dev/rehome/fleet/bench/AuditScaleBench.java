package dev.rehome.fleet.bench;

import dev.rehome.core.audit.AuditReport;
import dev.rehome.kubectl.inventory.AuditScope;
import dev.rehome.kubectl.inventory.ClusterAuditor;
import dev.rehome.testkit.audit.AuditCluster;
import dev.rehome.testkit.audit.AuditCrds;
import dev.rehome.testkit.audit.SimulatedApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audit scale benchmark: seeds N namespaces with 10 pods each (one standalone postgres Deployment on a claim with
 * its pod, plus 9 app pods of a Deployment) straight into the in-process API's store, then runs the real audit
 * through the real fabric8 client over HTTP and prints its wall time and request count.
 *
 * <p>Usage: {@code AuditScaleBench [namespaces...]}, default {@code 20 2000}; run by {@code bench/audit-scale.sh}.
 */
public final class AuditScaleBench {
    /** The audit's verdicts depend on the clock; a fixed one keeps every run's findings the same. */
    private static final Clock CLOCK = Clock.fixed(AuditCluster.SEEN_AT, java.time.ZoneOffset.UTC);
    private static final int PODS_PER_NAMESPACE = 10;

    private AuditScaleBench() {
    }

    public static void main(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"20", "2000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        measure(5); // warm the JVM up once, so the first row does not pay for class loading alone
        System.out.printf("%-11s %-7s %-9s %-9s %-9s %-10s %-13s %-13s %s%n", "namespaces", "pods", "findings",
                "requests", "seed ms", "audit ms", "of it server", "audit CPU ms", "audit ms, again");
        for (int namespaces : sizes) {
            Row row = measure(namespaces);
            System.out.printf("%-11d %-7d %-9d %-9d %-9d %-10d %-13d %-13d %d%n", namespaces,
                    namespaces * PODS_PER_NAMESPACE, row.findings, row.requests, row.seedMillis, row.firstMillis,
                    row.serverMillis, row.cpuMillis, row.secondMillis);
        }
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", load average at the end: "
                + String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + " (audit CPU ms = CPU time of this process, client and in-process server, during the audit;"
                + " on a busy machine wall time exceeds it)");
        System.out.println("requests = API requests the "
                + "server received during one audit (all GET); 'of it server' = time the in-process API server spent "
                + "composing its answers (a real API server serves lists from a cache)");
    }

    private record Row(int findings, int requests, long seedMillis, long firstMillis, long serverMillis,
                       long cpuMillis, long secondMillis) {
    }

    private static Row measure(int namespaces) {
        try (SimulatedApiServer server = SimulatedApiServer.start(AuditCrds.REALISTIC, CLOCK);
             KubernetesClient client = server.newClient()) {
            long seedStart = System.nanoTime();
            seed(server, namespaces);
            long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
            ClusterAuditor auditor = new ClusterAuditor(client, CLOCK);
            server.clearRequests();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            AuditReport report = auditor.audit(AuditScope.allNamespaces(), Optional.empty());
            long first = (System.nanoTime() - start) / 1_000_000;
            long cpu = (processCpuNanos() - cpuStart) / 1_000_000;
            int requests = server.requests().size();
            long serverMillis = server.serverMillis();
            if (server.requests().stream().anyMatch(r -> !r.startsWith("GET "))) {
                throw new IllegalStateException("the audit sent a write request: " + server.requests());
            }
            start = System.nanoTime();
            auditor.audit(AuditScope.allNamespaces(), Optional.empty());
            long second = (System.nanoTime() - start) / 1_000_000;
            return new Row(report.findings().size(), requests, seedMillis, first, serverMillis, cpu, second);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void seed(SimulatedApiServer server, int namespaces) {
        for (int n = 0; n < namespaces; n++) {
            String ns = "team-" + n;
            put(server, new NamespaceBuilder().withMetadata(meta("", ns)).build());
            put(server, new PersistentVolumeClaimBuilder().withMetadata(meta(ns, "postgres-data")).withNewSpec()
                    .withStorageClassName("local-path").withNewResources().addToRequests("storage", new Quantity("1Gi"))
                    .endResources().endSpec().build());
            put(server, new DeploymentBuilder().withMetadata(meta(ns, "postgres")).withNewSpec().withReplicas(1)
                    .withNewTemplate().withNewMetadata().addToLabels("app", "postgres").endMetadata()
                    .withSpec(postgresSpec()).endTemplate().endSpec().build());
            put(server, new DeploymentBuilder().withMetadata(meta(ns, "app")).withNewSpec().withReplicas(9)
                    .withNewTemplate().withNewMetadata().addToLabels("app", "app").endMetadata()
                    .withSpec(appSpec()).endTemplate().endSpec().build());
            put(server, ownedPod(ns, "postgres-7d9f-0", "postgres", postgresSpec()));
            for (int p = 1; p < PODS_PER_NAMESPACE; p++) {
                put(server, ownedPod(ns, "app-5c4b-" + p, "app", appSpec()));
            }
        }
    }

    private static HasMetadata ownedPod(String ns, String name, String app, PodSpec spec) {
        ObjectMeta metadata = meta(ns, name);
        metadata.getLabels().put("app", app);
        metadata.setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withApiVersion("apps/v1").withKind("ReplicaSet").withName(app + "-rs").withUid(ns + "-" + app)
                .withController(true).build()));
        return new PodBuilder().withMetadata(metadata).withSpec(spec).build();
    }

    private static PodSpec postgresSpec() {
        return new PodSpecBuilder().addNewContainer().withName("postgres").withImage("postgres:16-alpine")
                .addNewPort().withContainerPort(5432).endPort()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql/data").endVolumeMount()
                .endContainer().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName("postgres-data").endPersistentVolumeClaim().endVolume().build();
    }

    private static PodSpec appSpec() {
        return new PodSpecBuilder().addNewContainer().withName("app").withImage("ghcr.io/example/app:1.0")
                .addNewPort().withContainerPort(8080).endPort()
                .addNewEnv().withName("DATABASE_HOST").withValue("postgres").endEnv().endContainer().build();
    }

    private static ObjectMeta meta(String namespace, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace.isEmpty() ? null : namespace)
                .withLabels(new java.util.HashMap<>()).build();
    }

    private static void put(SimulatedApiServer server, HasMetadata resource) {
        server.put(resource);
    }
}
