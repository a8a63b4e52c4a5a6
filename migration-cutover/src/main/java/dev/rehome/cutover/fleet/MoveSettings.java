package dev.rehome.cutover.fleet;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the moves of one command run: copy engine, the deployments checkout for ArgoCD-managed apps, whether such
 * apps may be patched directly instead, who holds the locks, and the retire switches. Immutable.
 */
public record MoveSettings(String engine, Optional<Path> gitopsDir, boolean allowArgoPatch, String holder,
                           boolean retireNow, boolean deleteVolume) {
    public MoveSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(gitopsDir, "gitopsDir");
        Objects.requireNonNull(holder, "holder");
    }

    public static MoveSettings defaults(String holder) {
        return new MoveSettings("dump-restore", Optional.empty(), false, holder, false, false);
    }
}
