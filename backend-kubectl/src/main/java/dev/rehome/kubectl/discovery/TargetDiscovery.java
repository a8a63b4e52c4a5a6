package dev.rehome.kubectl.discovery;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.cnpg.OperatorVersionProbe;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads a CNPG {@code Cluster} and what surrounds it into a {@link TargetCluster}. Thread-safe. */
public final class TargetDiscovery {
    private final KubernetesClient client;
    private final KubeRetry retry;

    public TargetDiscovery(KubernetesClient client, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    public TargetCluster discover(NamespacedName ref) {
        return retry.call(() -> discoverOnce(ref));
    }

    /** The Cluster object itself; throws when there is none. */
    public GenericKubernetesResource clusterObject(NamespacedName ref) {
        GenericKubernetesResource c = retry.call(() -> CnpgKinds.of(client, CnpgKinds.CLUSTER)
                .inNamespace(ref.namespace()).withName(ref.name()).get());
        if (c == null) {
            throw new InvalidConfigurationException("no CNPG Cluster " + ref + "; give the target as NAMESPACE/NAME");
        }
        return c;
    }

    private TargetCluster discoverOnce(NamespacedName ref) {
        GenericKubernetesResource c = clusterObject(ref);
        String image = Fields.string(c, "status", "image").or(() -> Fields.string(c, "spec", "imageName")).orElse("");
        Optional<Integer> major = Fields.number(c, "status", "pgDataImageInfo", "majorVersion").map(Long::intValue)
                .or(() -> majorFromTag(image));
        return new TargetCluster(ref, Fields.string(c, "status", "phase").orElse("unknown"),
                Fields.number(c, "spec", "instances").map(Long::intValue).orElse(0),
                Fields.number(c, "status", "readyInstances").map(Long::intValue).orElse(0),
                primary(ref, c), image, major, new OperatorVersionProbe(client).versionFor(ref.namespace()),
                coverage(c));
    }

    private Optional<String> primary(NamespacedName ref, GenericKubernetesResource c) {
        Optional<String> fromStatus = Fields.string(c, "status", "currentPrimary").filter(s -> !s.isBlank());
        if (fromStatus.isPresent()) {
            return fromStatus;
        }
        for (String label : List.of("cnpg.io/instanceRole", "role")) {
            List<Pod> pods = client.pods().inNamespace(ref.namespace())
                    .withLabels(Map.of("cnpg.io/cluster", ref.name(), label, "primary")).list().getItems();
            if (!pods.isEmpty()) {
                return Optional.of(pods.get(0).getMetadata().getName());
            }
        }
        return Optional.empty();
    }

    static BackupCoverage coverage(GenericKubernetesResource c) {
        Map<String, Object> barman = Fields.map(c, "spec", "backup", "barmanObjectStore").orElse(Map.of());
        Optional<Map<String, Object>> archiverPlugin = Fields.maps(c, "spec", "plugins").stream()
                .filter(p -> Boolean.TRUE.equals(p.get("isWALArchiver")))
                .filter(p -> !Boolean.FALSE.equals(p.get("enabled")))
                .findFirst();
        BackupMethod method = !barman.isEmpty() ? BackupMethod.BARMAN_OBJECT_STORE
                : archiverPlugin.isPresent() ? BackupMethod.PLUGIN : BackupMethod.NONE;
        Optional<Boolean> archiving = condition(c, "ContinuousArchiving");
        Optional<Boolean> lastBackup = condition(c, "LastBackupSucceeded");
        List<String> problems = new ArrayList<>();
        if (method == BackupMethod.NONE) {
            problems.add("no object store: neither spec.backup.barmanObjectStore nor a plugin with isWALArchiver: true"
                    + (archiving.orElse(false) ? " (ContinuousArchiving=True only means archiving is skipped)" : ""));
        } else if (!archiving.orElse(false)) {
            problems.add("ContinuousArchiving is not True: WAL files are not reaching the object store");
        }
        // metadata is typed on a generic resource, not one of its untyped fields: read it from getMetadata()
        Map<String, String> annotations = c.getMetadata() == null || c.getMetadata().getAnnotations() == null
                ? Map.of() : c.getMetadata().getAnnotations();
        if ("enabled".equals(annotations.get("cnpg.io/skipWalArchiving"))) {
            problems.add("annotation cnpg.io/skipWalArchiving=enabled turns WAL archiving off");
        }
        if (lastBackup.isPresent() && !lastBackup.get()) {
            problems.add("LastBackupSucceeded is False: the last backup failed");
        }
        Optional<String> pluginName = archiverPlugin.map(p -> String.valueOf(p.get("name")));
        Optional<String> destination = Optional.ofNullable(barman.get("destinationPath")).map(String::valueOf)
                .or(() -> archiverPlugin.map(p -> p.get("parameters")).filter(Map.class::isInstance)
                        .map(m -> ((Map<?, ?>) m).get("barmanObjectName")).map(n -> "ObjectStore " + n));
        return new BackupCoverage(method, pluginName, destination,
                Fields.string(c, "spec", "backup", "retentionPolicy"), archiving, lastBackup, problems);
    }

    private static Optional<Boolean> condition(GenericKubernetesResource c, String type) {
        return Fields.maps(c, "status", "conditions").stream().filter(m -> type.equals(m.get("type"))).findFirst()
                .map(m -> "True".equals(String.valueOf(m.get("status"))));
    }

    static Optional<Integer> majorFromTag(String image) {
        int colon = image.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String tag = image.substring(colon + 1);
        int end = 0;
        while (end < tag.length() && Character.isDigit(tag.charAt(end))) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(Integer.parseInt(tag.substring(0, end)));
    }
}
