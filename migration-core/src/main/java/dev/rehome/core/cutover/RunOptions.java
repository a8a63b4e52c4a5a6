package dev.rehome.core.cutover;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Choices of one run: the copy engine, the deployments checkout for the GitOps path, who holds the lock, and
 * whether {@code retire} may skip the cool-off or delete the volume. Immutable.
 */
public record RunOptions(String engine, Optional<Path> gitopsDir, String holder, Duration lockTtl, boolean retireNow,
                         boolean deleteVolume) {
    public RunOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(gitopsDir, "gitopsDir");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(lockTtl, "lockTtl");
    }

    public static RunOptions defaults(String holder) {
        return new RunOptions("dump-restore", Optional.empty(), holder, Duration.ofMinutes(10), false, false);
    }

    public RunOptions withEngine(String id) {
        return new RunOptions(id, gitopsDir, holder, lockTtl, retireNow, deleteVolume);
    }

    public RunOptions withGitopsDir(Path dir) {
        return new RunOptions(engine, Optional.ofNullable(dir), holder, lockTtl, retireNow, deleteVolume);
    }

    public RunOptions withRetire(boolean now, boolean delete) {
        return new RunOptions(engine, gitopsDir, holder, lockTtl, now, delete);
    }
}
