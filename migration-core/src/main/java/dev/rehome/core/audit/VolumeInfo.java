package dev.rehome.core.audit;

import java.util.Objects;

/**
 * A volume that holds a data store's data.
 *
 * @param source        where the data lives: {@code pvc}, {@code volumeClaimTemplate}, {@code emptyDir}, {@code hostPath}
 * @param pvc           the claim's name ({@code null} for emptyDir/hostPath); for a template, {@code <template>-<pod>-N}
 * @param storageClass  the storage class name, {@code null} when unknown
 * @param reclaimPolicy the bound PV's reclaim policy, or the class's default before binding; {@code null} when unknown
 * @param size          requested or bound capacity as Kubernetes writes it ({@code 10Gi}), {@code null} when unknown
 * @param nodeLocal     true when the data lives on one node's disk (local-path, hostPath, local PVs)
 */
public record VolumeInfo(String source, String pvc, String storageClass, String reclaimPolicy, String size,
                         boolean nodeLocal) {
    public VolumeInfo {
        Objects.requireNonNull(source, "source");
    }

    /** A short human description: {@code pvc data (local-path, Delete, 1Gi)}. */
    public String describe() {
        String name = pvc == null ? source : source + " " + pvc;
        if (storageClass == null && reclaimPolicy == null && size == null) {
            return name;
        }
        return name + " (" + orDash(storageClass) + ", " + orDash(reclaimPolicy) + ", " + orDash(size) + ")";
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
