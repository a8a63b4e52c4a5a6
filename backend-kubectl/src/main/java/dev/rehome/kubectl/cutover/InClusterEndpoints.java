package dev.rehome.kubectl.cutover;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.MigrationListener;
import java.util.Objects;

/**
 * A copy engine that runs inside the cluster, given the endpoints as pods see them: the cutover hands over the
 * port-forwarded endpoints it uses itself, and this swaps in the Service names (same logins and databases).
 */
public final class InClusterEndpoints implements CopyEngine {
    private final CopyEngine inCluster;
    private final String sourceHost;
    private final String targetHost;
    private final int port;

    public InClusterEndpoints(CopyEngine inCluster, String sourceHost, String targetHost, int port) {
        this.inCluster = Objects.requireNonNull(inCluster, "inCluster");
        this.sourceHost = Objects.requireNonNull(sourceHost, "sourceHost");
        this.targetHost = Objects.requireNonNull(targetHost, "targetHost");
        this.port = port;
    }

    @Override
    public String id() {
        return inCluster.id();
    }

    @Override
    public CopyResult copy(CopyRequest request, MigrationListener listener) {
        return inCluster.copy(new CopyRequest(request.source().withHostPort(sourceHost, port),
                request.target().withHostPort(targetHost, port), request.options()), listener);
    }
}
