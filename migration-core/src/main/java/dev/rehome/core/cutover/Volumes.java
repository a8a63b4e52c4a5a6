package dev.rehome.core.cutover;

import java.util.List;

/** Port: the source database's volume, found by evidence and deleted only by identity. */
public interface Volumes {
    /** The PVC mounted at PGDATA of the source's running postgres container; fails when it cannot be proven. */
    SourceVolume provePgdataVolume(WorkloadRef postgres, String container);

    /** Sets the PV's reclaim policy to Retain, so deleting the PVC can never delete the data. Idempotent. */
    void retain(String pv);

    /** Names of pods that mount the PVC now. */
    List<String> podsMounting(String namespace, String pvc);

    /**
     * Deletes the PVC only if its UID is {@code uid} and its resourceVersion {@code resourceVersion}; a recreated
     * or changed PVC makes this fail with a refusal.
     */
    void deletePvc(String namespace, String pvc, String uid, String resourceVersion);
}
