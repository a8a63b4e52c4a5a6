package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.CutoverPorts;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a fleet command talks to: the Kubernetes API (audit and discovery), the sources' tables, and the
 * ports one cutover runs against. The sandbox and the real cluster each provide one. Close to release it.
 */
public interface FleetWorld extends AutoCloseable {
    KubernetesClient client();

    TableCatalog tables();

    /** The derived cutover made ready to run here (the sandbox points the health URL at its stand-in app). */
    FleetCutover prepare(FleetCutover derived);

    CutoverPorts ports(FleetCutover cutover);

    /** The deployments checkout the re-point of this app is committed to, when ArgoCD manages it. */
    Optional<Path> gitopsDir(FleetCutover cutover);

    /** The command a user reruns to retry, for failure messages. */
    String retryHint();

    @Override
    void close();
}
