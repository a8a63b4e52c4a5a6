package dev.rehome.kubectl.discovery;

import java.util.Objects;
import java.util.Optional;

/** The PersistentVolume bound to a claim: what deleting the claim would do to the data, and where it lives. */
public record VolumeInfo(String name, String uid, String resourceVersion, String reclaimPolicy, String storageClass,
                         Optional<String> node, Optional<String> localPath) {
    public VolumeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(reclaimPolicy, "reclaimPolicy");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(localPath, "localPath");
    }

    /** Whether deleting the claim deletes the data with it. */
    public boolean deletesDataWithClaim() {
        return "Delete".equals(reclaimPolicy);
    }
}
