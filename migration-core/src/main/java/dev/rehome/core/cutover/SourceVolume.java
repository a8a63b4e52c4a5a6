package dev.rehome.core.cutover;

import java.util.Objects;

/**
 * The PVC proven to hold the source's PGDATA (the volume mounted at PGDATA of the running postgres pod), with
 * the identity that a later delete must match, and its PV.
 */
public record SourceVolume(String namespace, String pvc, String uid, String resourceVersion, String pv,
                           String reclaimPolicy, String storageClass, String size) {
    public SourceVolume {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pvc, "pvc");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(pv, "pv");
    }
}
