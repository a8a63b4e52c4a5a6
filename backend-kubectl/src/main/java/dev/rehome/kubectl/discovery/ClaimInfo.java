package dev.rehome.kubectl.discovery;

import java.util.Objects;

/** A PersistentVolumeClaim as found, with the UID and resourceVersion that guard any later delete. */
public record ClaimInfo(String namespace, String name, String uid, String resourceVersion, String storageClass,
                        String capacity, String volumeName) {
    public ClaimInfo {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
    }
}
