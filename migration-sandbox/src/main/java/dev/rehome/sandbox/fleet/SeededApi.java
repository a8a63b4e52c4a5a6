package dev.rehome.sandbox.fleet;

import dev.rehome.testkit.cluster.ClusterSeeds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode on a loopback port, seeded with the real cluster's manifests: what the
 * audit lists and discovery reads in the sandbox. Close to stop it.
 */
public final class SeededApi implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    /** Held so the level sticks: the mock server logs every request through java.util.logging at INFO. */
    private final java.util.logging.Logger requestLog;

    private SeededApi(KubernetesMockServer server, java.util.logging.Logger requestLog) {
        this.requestLog = requestLog;
        this.server = server;
        this.client = server.createClient();
    }

    /** Starts the API with the seeds' timestamps dated relative to {@code clock}, the clock the sandbox runs on. */
    public static SeededApi start(Clock clock) {
        java.util.logging.Logger requestLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        requestLog.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        SeededApi api = new SeededApi(server, requestLog);
        ClusterSeeds.applyTo(api.client, clock);
        return api;
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
