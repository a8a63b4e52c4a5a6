package dev.rehome.kubectl.discovery;

import java.util.Objects;
import java.util.Optional;

/**
 * The one volume mounted at the database's data directory: the pod volume, its mount path, the claim and the
 * bound volume ({@code volume} is empty while the claim is unbound).
 */
public record DataVolume(String podVolume, String mountPath, ClaimInfo claim, Optional<VolumeInfo> volume) {
    public DataVolume {
        Objects.requireNonNull(podVolume, "podVolume");
        Objects.requireNonNull(mountPath, "mountPath");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(volume, "volume");
    }
}
