package dev.rehome.fleet.move;

import dev.rehome.basketball.CutoverPorts;
import dev.rehome.core.UnreachableException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The real cluster the kubeconfig names. The audit and discovery run against it; reading a source's tables and
 * running a cutover also need a way to reach both servers from this machine (a port-forwarding
 * {@code Databases}); the cluster-side ports exist ({@code dev.rehome.basketball.cluster.KubernetesPorts.over},
 * {@code LeaseLock}, {@code ConfigMapJournal}) and {@link #ports} is the one place to wire them once that lands.
 * Until then those calls refuse with exit 4 and point to {@code --sandbox}.
 */
public final class KubernetesWorld implements FleetWorld {
    private final KubernetesClient client;

    public KubernetesWorld(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public TableCatalog tables() {
        return src -> {
            throw notWired("reading the tables of " + src.workload());
        };
    }

    @Override
    public FleetCutover prepare(FleetCutover derived) {
        return derived;
    }

    @Override
    public CutoverPorts ports(FleetCutover cutover) {
        throw notWired("running the cutover of " + cutover.name());
    }

    @Override
    public Optional<Path> gitopsDir(FleetCutover cutover) {
        return Optional.empty();
    }

    @Override
    public String retryHint() {
        return "the same command (a killed run continues from its journal)";
    }

    private static UnreachableException notWired(String what) {
        return new UnreachableException(what + " needs the Kubernetes adapters of the cutover ports, which this build "
                + "does not have yet; try the same command with --sandbox");
    }

    @Override
    public void close() {
        client.close();
    }
}
