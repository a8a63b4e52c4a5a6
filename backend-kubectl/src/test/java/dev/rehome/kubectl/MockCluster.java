package dev.rehome.kubectl;

import dev.rehome.testkit.cluster.ClusterSeeds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;

/** The fabric8 mock API server in CRUD mode, seeded with the real cluster's manifests as written (at SEEDED_AT). */
public final class MockCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockCluster(Clock seedsFor) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        if (seedsFor != null) {
            ClusterSeeds.applyTo(client, seedsFor);
        }
    }

    public static MockCluster seeded() {
        return seeded(Clock.fixed(ClusterSeeds.SEEDED_AT, ZoneOffset.UTC));
    }

    /** Seeded with the timestamps dated for {@code clock} (see {@code SeedTimeline}). */
    public static MockCluster seeded(Clock clock) {
        return new MockCluster(clock);
    }

    public static MockCluster empty() {
        return new MockCluster(null);
    }

    public KubernetesClient client() {
        return client;
    }

    public KubernetesMockServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
