package dev.rehome.kubectl.discovery;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.kubectl.NamespacedName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A standalone PostgreSQL found behind a workload: where it runs, how to log in, which volume holds its data,
 * and which claims beside it are not its own. Holds no clear password ({@link SourceCredentials} wraps it).
 *
 * @param kind          {@code Deployment} or {@code StatefulSet}
 * @param pod           a running pod of the workload, if one runs
 * @param majorVersion  the PostgreSQL major, from the server when it answered, else from the image tag
 * @param majorFromServer whether {@code majorVersion} came from the server rather than the image tag
 * @param service       the Service in front of the database (selects the pod and serves 5432), if any
 */
public record SourceDatabase(NamespacedName workload, String kind, Optional<String> pod, String container,
                             String image, SourceCredentials credentials, String dataDirectory,
                             DataVolume dataVolume, List<UntouchedClaim> untouchedClaims,
                             Optional<Integer> majorVersion, boolean majorFromServer, Optional<String> service) {
    public SourceDatabase {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(dataVolume, "dataVolume");
        untouchedClaims = List.copyOf(untouchedClaims);
        Objects.requireNonNull(majorVersion, "majorVersion");
        Objects.requireNonNull(service, "service");
    }

    /** The in-cluster DNS name of the database's Service, e.g. {@code postgres.basketball-api.svc.cluster.local}. */
    public Optional<String> serviceHost() {
        return service.map(s -> s + "." + workload.namespace() + ".svc.cluster.local");
    }

    /**
     * The source's login as an endpoint reached at {@code host:port} (the Service from inside the cluster, or the
     * local end of a port-forward).
     */
    public DatabaseEndpoint endpoint(String host, int port) {
        return DatabaseEndpoint.of(host, port, credentials.database(), credentials.user(), credentials.password());
    }

    /** A few lines for plans and reports; no secrets. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Source ").append(kind).append(' ').append(workload)
                .append(", container '").append(container).append("' (").append(image).append(")")
                .append(pod.map(p -> ", pod " + p).orElse(", no running pod")).append('\n');
        out.append("  PostgreSQL ").append(majorVersion.map(String::valueOf).orElse("?"))
                .append(majorFromServer ? " (asked the server)" : " (image tag hint)")
                .append(", database '").append(credentials.database()).append("' as '")
                .append(credentials.user()).append("'")
                .append(service.map(s -> ", Service " + s).orElse("")).append('\n');
        out.append("  data directory ").append(dataDirectory).append(" on volume '").append(dataVolume.podVolume())
                .append("' mounted at ").append(dataVolume.mountPath()).append('\n');
        ClaimInfo c = dataVolume.claim();
        out.append("  PVC ").append(c.namespace()).append('/').append(c.name()).append(" uid ").append(c.uid())
                .append(" resourceVersion ").append(c.resourceVersion()).append('\n');
        dataVolume.volume().ifPresent(v -> out.append("  PV ").append(v.name()).append(" uid ").append(v.uid())
                .append(", reclaim policy ").append(v.reclaimPolicy()).append(", storage class ")
                .append(v.storageClass()).append(v.node().map(n -> ", node " + n).orElse(""))
                .append(v.localPath().map(p -> ", path " + p).orElse(""))
                .append(v.deletesDataWithClaim() ? " -- deleting the PVC would delete the data" : "").append('\n'));
        for (UntouchedClaim u : untouchedClaims) {
            out.append("  PVC ").append(workload.namespace()).append('/').append(u.name())
                    .append(": not the database's, never touched (").append(u.reason()).append(")\n");
        }
        return out.toString();
    }
}
