package dev.rehome.cutover.fleet;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the moves of one command run: copy engine, the deployments checkout for ArgoCD-managed apps, whether such
 * apps may be patched directly instead, who holds the locks, and the retire switches
 * (a skipped restore proof only with its reason). Immutable.
 */
public record MoveSettings(String engine, Optional<Path> gitopsDir, boolean allowArgoPatch, String holder,
                           boolean retireNow, boolean deleteVolume, Optional<String> skipRestoreProof) {
    public MoveSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(gitopsDir, "gitopsDir");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(skipRestoreProof, "skipRestoreProof");
    }

    public MoveSettings(String engine, Optional<Path> gitopsDir, boolean allowArgoPatch, String holder,
                        boolean retireNow, boolean deleteVolume) {
        this(engine, gitopsDir, allowArgoPatch, holder, retireNow, deleteVolume, Optional.empty());
    }

    public static MoveSettings defaults(String holder) {
        return new MoveSettings("dump-restore", Optional.empty(), false, holder, false, false);
    }
}
