package dev.rehome.kubectl.portforward;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.UnreachableException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A forwarded pod port on {@code 127.0.0.1:<random port>}. Each TCP connection to it opens its own port-forward
 * stream to the pod. Close it to stop listening.
 *
 * <pre>{@code
 * try (PodPortForward pf = PodPortForward.open(client, "postgres", "pal-e-postgres-1", 5432)) {
 *     DatabaseEndpoint local = pf.endpoint(targetEndpoint);   // same database and login, via loopback
 * }
 * }</pre>
 */
public final class PodPortForward implements AutoCloseable {
    private final LocalPortForward forward;
    private final String description;

    private PodPortForward(LocalPortForward forward, String description) {
        this.forward = forward;
        this.description = description;
    }

    public static PodPortForward open(KubernetesClient client, String namespace, String pod, int port) {
        Objects.requireNonNull(client, "client");
        String description = "port " + port + " of pod '" + namespace + "/" + pod + "'";
        try {
            LocalPortForward forward = client.pods().inNamespace(namespace).withName(pod)
                    .portForward(port, InetAddress.getLoopbackAddress(), 0);
            return new PodPortForward(forward, description);
        } catch (KubernetesClientException e) {
            throw new UnreachableException("cannot port-forward to " + description + ": " + e.getMessage()
                    + "; check that the pod runs and that you may create pods/portforward", e);
        }
    }

    public String host() {
        return forward.getLocalAddress().getHostAddress();
    }

    public int localPort() {
        return forward.getLocalPort();
    }

    /** {@code through} with host and port replaced by this forward's loopback address. */
    public DatabaseEndpoint endpoint(DatabaseEndpoint through) {
        return through.withHostPort(host(), localPort());
    }

    /** True while no stream has failed; {@link #close()} in any case. */
    public boolean healthy() {
        return forward.isAlive() && !forward.errorOccurred();
    }

    public String describe() {
        return description + " on " + host() + ":" + localPort();
    }

    @Override
    public void close() {
        try {
            forward.close();
        } catch (IOException e) {
            throw new UnreachableException("cannot stop the port-forward to " + description + ": " + e.getMessage(), e);
        }
    }
}
