package dev.rehome.cutover.fleet;

import dev.rehome.core.RefusedException;
import dev.rehome.core.TableRef;
import dev.rehome.kubectl.discovery.SourceDatabase;
import dev.rehome.kubectl.portforward.PodPortForward;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * The tables of a source on a real cluster, read over JDBC through a loopback port-forward to its pod's 5432,
 * open only while they are read. Thread-safe.
 */
final class ForwardedTableCatalog implements TableCatalog {
    private static final int POSTGRES_PORT = 5432;

    private final KubernetesClient client;

    ForwardedTableCatalog(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public List<TableRef> tables(SourceDatabase source) {
        String pod = source.pod().orElseThrow(() -> new RefusedException("the source " + source.workload()
                + " has no running pod to read its tables from; scale it up and rerun"));
        try (PodPortForward forward = PodPortForward.open(client, source.workload().namespace(), pod, POSTGRES_PORT)) {
            return new JdbcTableCatalog(s -> forward.endpoint(s.endpoint("localhost", POSTGRES_PORT))).tables(source);
        }
    }
}
