package dev.rehome.kubectl.discovery;

import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudNativePG cluster as found: health, primary, PostgreSQL major, operator version, services, backups.
 *
 * @param primaryPod      from {@code status.currentPrimary}, else the pod labelled as primary
 * @param majorVersion    from {@code status.pgDataImageInfo.majorVersion}, else the image tag
 * @param operatorVersion empty when neither the monitoring ConfigMap nor the operator Deployment is readable
 */
public record TargetCluster(NamespacedName cluster, String phase, int instances, int readyInstances,
                            Optional<String> primaryPod, String image, Optional<Integer> majorVersion,
                            Optional<CnpgVersion> operatorVersion, BackupCoverage backup) {
    public static final String HEALTHY_PHASE = "Cluster in healthy state";

    public TargetCluster {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(primaryPod, "primaryPod");
        Objects.requireNonNull(majorVersion, "majorVersion");
        Objects.requireNonNull(operatorVersion, "operatorVersion");
        Objects.requireNonNull(backup, "backup");
    }

    public boolean healthy() {
        return HEALTHY_PHASE.equals(phase) && instances > 0 && readyInstances >= instances && primaryPod.isPresent();
    }

    /** {@code <cluster>-rw}: the Service that always points at the primary. */
    public String writeService() {
        return cluster.name() + "-rw";
    }

    /** {@code <cluster>-rw.<ns>.svc.cluster.local}, the host apps in other namespaces connect to. */
    public String writeHostFqdn() {
        return writeService() + "." + cluster.namespace() + ".svc.cluster.local";
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Target CNPG Cluster ").append(cluster).append(": ").append(phase).append(", ")
                .append(readyInstances).append('/').append(instances).append(" ready, primary ")
                .append(primaryPod.orElse("unknown")).append('\n');
        out.append("  PostgreSQL ").append(majorVersion.map(String::valueOf).orElse("?")).append(" (").append(image)
                .append("), operator ").append(operatorVersion.map(CnpgVersion::toString).orElse("version unknown"))
                .append(", write service ").append(writeHostFqdn()).append('\n');
        out.append("  backups: ").append(backup.method())
                .append(backup.pluginName().map(p -> " " + p).orElse(""))
                .append(backup.destination().map(d -> " to " + d).orElse(""))
                .append(backup.retention().map(r -> ", retention " + r).orElse("")).append('\n');
        backup.problems().forEach(p -> out.append("  backup gap: ").append(p).append('\n'));
        return out.toString();
    }
}
