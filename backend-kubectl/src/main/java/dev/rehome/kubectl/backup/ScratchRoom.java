package dev.rehome.kubectl.backup;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a scratch cluster of a given size fits: under the policy's own limit, and under every ResourceQuota of
 * the namespace that limits storage requests (overall or for the storage class) or the number of claims. A
 * physical restore needs as much room as the shared cluster's volume, so that is the size asked for.
 */
final class ScratchRoom {
    private ScratchRoom() {
    }

    /** Empty when it fits; otherwise why not, naming the size needed. */
    static Optional<String> refusal(KubernetesClient client, String namespace, String needed,
                                    Optional<String> storageClass, Optional<String> limit) {
        BigDecimal need = bytes(needed);
        if (limit.isPresent() && need.compareTo(bytes(limit.get())) > 0) {
            return Optional.of("no room for the scratch cluster: it needs " + needed + " (the shared cluster's volume), "
                    + "more than the configured limit of " + limit.get());
        }
        try {
            for (ResourceQuota quota : client.resourceQuotas().inNamespace(namespace).list().getItems()) {
                Optional<String> refused = check(quota, need, needed, storageClass);
                if (refused.isPresent()) {
                    return refused;
                }
            }
        } catch (KubernetesClientException e) {
            // quotas we may not read are enforced by the API when the PVC is created; the ready deadline catches it
        }
        return Optional.empty();
    }

    private static Optional<String> check(ResourceQuota quota, BigDecimal need, String needed, Optional<String> storageClass) {
        Map<String, Quantity> hard = quota.getStatus() != null && quota.getStatus().getHard() != null
                ? quota.getStatus().getHard() : quota.getSpec().getHard();
        Map<String, Quantity> used = quota.getStatus() == null || quota.getStatus().getUsed() == null
                ? Map.of() : quota.getStatus().getUsed();
        String name = quota.getMetadata().getName();
        for (String key : storageKeys(storageClass)) {
            if (hard.containsKey(key)) {
                BigDecimal free = bytes(hard.get(key)).subtract(used.containsKey(key) ? bytes(used.get(key)) : BigDecimal.ZERO);
                if (need.compareTo(free) > 0) {
                    return Optional.of("no room for the scratch cluster: it needs " + needed + " of storage, ResourceQuota "
                            + name + " leaves " + human(free) + " (" + key + ")");
                }
            }
        }
        String claims = "persistentvolumeclaims";
        if (hard.containsKey(claims)) {
            BigDecimal free = bytes(hard.get(claims)).subtract(used.containsKey(claims) ? bytes(used.get(claims)) : BigDecimal.ZERO);
            if (free.compareTo(BigDecimal.ONE) < 0) {
                return Optional.of("no room for the scratch cluster: it needs 1 PersistentVolumeClaim of " + needed
                        + ", ResourceQuota " + name + " allows no more claims");
            }
        }
        return Optional.empty();
    }

    private static java.util.List<String> storageKeys(Optional<String> storageClass) {
        return storageClass.map(sc -> java.util.List.of("requests.storage", sc + ".storageclass.storage.k8s.io/requests.storage"))
                .orElse(java.util.List.of("requests.storage"));
    }

    private static BigDecimal bytes(String quantity) {
        return bytes(new Quantity(quantity));
    }

    private static BigDecimal bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }

    private static String human(BigDecimal bytes) {
        return String.format(java.util.Locale.ROOT, "%.1fGi", bytes.doubleValue() / (1L << 30));
    }
}
