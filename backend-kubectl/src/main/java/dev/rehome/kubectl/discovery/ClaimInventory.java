package dev.rehome.kubectl.discovery;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** Lists the claims of a namespace other than the database's, each with who mounts it and where. */
final class ClaimInventory {
    private final KubernetesClient client;

    ClaimInventory(KubernetesClient client) {
        this.client = client;
    }

    List<UntouchedClaim> othersThan(String ns, String databaseClaim) {
        List<UntouchedClaim> out = new ArrayList<>();
        for (PersistentVolumeClaim pvc : client.persistentVolumeClaims().inNamespace(ns).list().getItems()) {
            String name = pvc.getMetadata().getName();
            if (!name.equals(databaseClaim)) {
                out.add(new UntouchedClaim(name, pvc.getMetadata().getUid(), mountedBy(ns, name)));
            }
        }
        return out;
    }

    private String mountedBy(String ns, String claim) {
        List<String> users = new ArrayList<>();
        client.apps().deployments().inNamespace(ns).list().getItems().forEach(d ->
                users.addAll(mounts("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec(), claim)));
        client.apps().statefulSets().inNamespace(ns).list().getItems().forEach(s ->
                users.addAll(mounts("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec(), claim)));
        return users.isEmpty() ? "not mounted by any Deployment or StatefulSet" : String.join("; ", users);
    }

    private static List<String> mounts(String owner, PodSpec spec, String claim) {
        List<String> out = new ArrayList<>();
        if (spec.getVolumes() == null) {
            return out;
        }
        spec.getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null && claim.equals(v.getPersistentVolumeClaim().getClaimName()))
                .forEach(v -> spec.getContainers().forEach(c -> {
                    if (c.getVolumeMounts() != null) {
                        c.getVolumeMounts().stream().filter(m -> m.getName().equals(v.getName())).forEach(m ->
                                out.add("mounted by " + owner + " at " + m.getMountPath() + " (container " + c.getName() + ")"));
                    }
                }));
        return out;
    }
}
