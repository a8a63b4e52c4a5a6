package dev.rehome.kubectl.cutover;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.discovery.SourceDatabase;
import dev.rehome.kubectl.discovery.SourceDiscovery;
import dev.rehome.kubectl.portforward.PodPortForward;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * The standalone source, discovered and port-forwarded on first use only: {@code status}, and {@code retire}
 * after the Deployment is gone, must work without it. Close to stop the forward. Thread-safe.
 */
public final class ForwardedSource implements AutoCloseable {
    private static final int POSTGRES_PORT = 5432;

    private final KubernetesClient client;
    private final SourceDiscovery discovery;
    private final NamespacedName workload;
    private SourceDatabase source;
    private PodPortForward forward;

    public ForwardedSource(KubernetesClient client, SourceDiscovery discovery, NamespacedName workload) {
        this.client = Objects.requireNonNull(client, "client");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.workload = Objects.requireNonNull(workload, "workload");
    }

    public synchronized SourceDatabase database() {
        if (source == null) {
            source = discovery.discover(workload);
        }
        return source;
    }

    /** The source's login through a loopback port-forward to its pod's 5432. */
    public synchronized DatabaseEndpoint endpoint() {
        SourceDatabase s = database();
        if (forward == null) {
            String pod = s.pod().orElseThrow(() -> new RefusedException("the source " + s.workload()
                    + " has no running pod; scale it up and rerun"));
            forward = PodPortForward.open(client, workload.namespace(), pod, POSTGRES_PORT);
        }
        return forward.endpoint(s.endpoint("localhost", POSTGRES_PORT));
    }

    public synchronized String describe() {
        return source == null ? "source: not needed yet" : source.describe().strip()
                + (forward == null ? "" : "\n  through " + forward.describe());
    }

    @Override
    public synchronized void close() {
        if (forward != null) {
            forward.close();
        }
    }
}
