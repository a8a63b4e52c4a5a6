package dev.rehome.core.cutover;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Choices of one run: the copy engine, the deployments checkout for the GitOps path, who holds the lock, and
 * whether {@code retire} may skip the cool-off, delete the volume, or go ahead without a passed restore proof
 * (only with a reason). Immutable.
 */
public record RunOptions(String engine, Optional<Path> gitopsDir, String holder, Duration lockTtl, boolean retireNow,
                         boolean deleteVolume, Optional<String> skipRestoreProof) {
    public RunOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(gitopsDir, "gitopsDir");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(lockTtl, "lockTtl");
        Objects.requireNonNull(skipRestoreProof, "skipRestoreProof");
        if (skipRestoreProof.isPresent() && skipRestoreProof.get().isBlank()) {
            throw new IllegalArgumentException("skipping the restore proof needs a reason, recorded in the journal");
        }
    }

    public RunOptions(String engine, Optional<Path> gitopsDir, String holder, Duration lockTtl, boolean retireNow,
                      boolean deleteVolume) {
        this(engine, gitopsDir, holder, lockTtl, retireNow, deleteVolume, Optional.empty());
    }

    /** Lets retire go ahead without a passed restore proof; {@code reason} is recorded in the journal. */
    public RunOptions withRestoreProofSkipped(String reason) {
        return new RunOptions(engine, gitopsDir, holder, lockTtl, retireNow, deleteVolume, Optional.of(reason));
    }

    public static RunOptions defaults(String holder) {
        return new RunOptions("dump-restore", Optional.empty(), holder, Duration.ofMinutes(10), false, false);
    }

    public RunOptions withEngine(String id) {
        return new RunOptions(id, gitopsDir, holder, lockTtl, retireNow, deleteVolume, skipRestoreProof);
    }

    public RunOptions withGitopsDir(Path dir) {
        return new RunOptions(engine, Optional.ofNullable(dir), holder, lockTtl, retireNow, deleteVolume, skipRestoreProof);
    }

    public RunOptions withRetire(boolean now, boolean delete) {
        return new RunOptions(engine, gitopsDir, holder, lockTtl, now, delete, skipRestoreProof);
    }
}
