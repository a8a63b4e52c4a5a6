package dev.rehome.kubectl;

import dev.rehome.testkit.cluster.ClusterSeeds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/** The fabric8 mock API server in CRUD mode, seeded with the real cluster's manifests. */
public final class MockCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockCluster(boolean seed) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        if (seed) {
            ClusterSeeds.applyTo(client);
        }
    }

    public static MockCluster seeded() {
        return new MockCluster(true);
    }

    public static MockCluster empty() {
        return new MockCluster(false);
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
