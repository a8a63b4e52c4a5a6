package dev.rehome.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ClusterSeedsTest {
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void seedsTheRealClusterWithStatusesIntact() {
        ClusterSeeds.applyTo(client, Clock.fixed(ClusterSeeds.SEEDED_AT, ZoneOffset.UTC));

        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .contains("basketball-api", "postgres", "mcd-tracker", "pal-e-mail");
        assertThat(client.persistentVolumeClaims().inNamespace("basketball-api").list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("postgres-data", "photo-uploads");
        assertThat(client.pods().inNamespace("basketball-api").withName("postgres-6b8f9c7d54-x2k4p").get()
                .getStatus().getPhase()).isEqualTo("Running");
        assertThat(client.apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                .getStatus().getReadyReplicas()).isEqualTo(1);
        var clusters = new ResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io").withVersion("v1")
                .withKind("Cluster").withPlural("clusters").withNamespaced(true).build();
        var cluster = client.genericKubernetesResources(clusters).inNamespace("postgres").withName("pal-e-postgres").get();
        assertThat((String) cluster.get("status", "phase")).isEqualTo("Cluster in healthy state");
        assertThat(client.persistentVolumes().withName("pvc-3c1f0b52-8d7e-4a51-9f0e-2b6d4c8a7e10").get()
                .getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
    }
}
