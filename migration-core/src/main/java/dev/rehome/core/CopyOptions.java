package dev.rehome.core;

import java.util.Objects;
import java.util.Optional;

/**
 * How to copy. {@code jobs}: tables loaded at once. {@code owner}: role that will own every object in the target
 * (absent: the target login's role). Immutable.
 */
public record CopyOptions(int jobs, Optional<String> owner) {
    public CopyOptions {
        if (jobs < 1 || jobs > 64) {
            throw new IllegalArgumentException("jobs must be between 1 and 64, was " + jobs);
        }
        Objects.requireNonNull(owner, "owner");
    }

    public static CopyOptions ofDefaults() {
        return new CopyOptions(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), Optional.empty());
    }

    public CopyOptions withJobs(int otherJobs) {
        return new CopyOptions(otherJobs, owner);
    }

    public CopyOptions withOwner(String role) {
        return new CopyOptions(jobs, Optional.ofNullable(role));
    }
}
