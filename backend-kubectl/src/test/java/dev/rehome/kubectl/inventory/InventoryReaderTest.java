package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditReport;
import dev.rehome.testkit.audit.AuditCrds;
import dev.rehome.testkit.audit.SimulatedApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class InventoryReaderTest {

    @Test
    void requestCountDoesNotGrowWithTheNumberOfNamespaces() {
        Result five = auditClusterWith(5);
        Result fifty = auditClusterWith(50);

        assertThat(five.findings).isEqualTo(5);
        assertThat(fifty.findings).isEqualTo(50);
        assertThat(fifty.serverRequests).isEqualTo(five.serverRequests);
        assertThat(fifty.reportedRequests).isEqualTo(fifty.serverRequests);
    }

    @Test
    void aNamespaceFilterDoesNotMultiplyRequestsEither() {
        try (SimulatedApiServer server = SimulatedApiServer.start(AuditCrds.REALISTIC, ClusterAuditorTest.CLOCK);
             KubernetesClient client = server.newClient()) {
            seedNamespaces(server, 20);
            AuditReport all = new ClusterAuditor(client, ClusterAuditorTest.CLOCK)
                    .audit(AuditScope.allNamespaces(), Optional.empty());
            AuditReport some = new ClusterAuditor(client, ClusterAuditorTest.CLOCK)
                    .audit(new AuditScope(Set.of("team-1", "team-2", "team-3")), Optional.empty());

            assertThat(some.findings()).hasSize(3);
            assertThat(some.apiRequests()).isEqualTo(all.apiRequests());
        }
    }

    private record Result(int findings, int serverRequests, int reportedRequests) {
    }

    private static Result auditClusterWith(int namespaces) {
        try (SimulatedApiServer server = SimulatedApiServer.start(AuditCrds.REALISTIC, ClusterAuditorTest.CLOCK);
             KubernetesClient client = server.newClient()) {
            seedNamespaces(server, namespaces);
            server.clearRequests();
            AuditReport report = new ClusterAuditor(client, ClusterAuditorTest.CLOCK)
                    .audit(AuditScope.allNamespaces(), Optional.empty());
            assertThat(server.requests()).allSatisfy(r -> assertThat(r).startsWith("GET "));
            return new Result(report.findings().size(), server.requests().size(), report.apiRequests());
        }
    }

    /** Each namespace: a standalone postgres Deployment on a claim, its pod, and a stateless app pod. */
    static void seedNamespaces(SimulatedApiServer server, int count) {
        for (int i = 1; i <= count; i++) {
            String ns = "team-" + i;
            server.put(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build());
            server.put(new PersistentVolumeClaimBuilder().withNewMetadata().withName("db").withNamespace(ns).endMetadata()
                    .withNewSpec().withStorageClassName("local-path").withNewResources()
                    .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build());
            server.put(new DeploymentBuilder().withNewMetadata().withName("postgres").withNamespace(ns).endMetadata()
                    .withNewSpec().withReplicas(1).withNewTemplate().withNewMetadata().addToLabels("app", "postgres")
                    .endMetadata().withNewSpec().addNewContainer().withName("postgres").withImage("postgres:16-alpine")
                    .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql/data").endVolumeMount()
                    .endContainer().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("db")
                    .endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build());
            server.put(new PodBuilder().withNewMetadata().withName("postgres-0").withNamespace(ns)
                    .addNewOwnerReference().withKind("ReplicaSet").withName("postgres-abc").withApiVersion("apps/v1")
                    .withUid("u-" + i).endOwnerReference().endMetadata()
                    .withNewSpec().addNewContainer().withName("postgres").withImage("postgres:16-alpine").endContainer()
                    .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("db")
                    .endPersistentVolumeClaim().endVolume().endSpec().build());
        }
    }
}
