package dev.rehome.core;

import java.util.Objects;
import java.util.Optional;

/**
 * How to copy. {@code jobs}: tables loaded at once. {@code owner}: role that will own every object in the target
 * (absent: the target login's role). {@code limits}: when a copy that stopped moving is given up. Immutable.
 */
public record CopyOptions(int jobs, Optional<String> owner, CopyLimits limits) {
    public CopyOptions {
        if (jobs < 1 || jobs > 64) {
            throw new IllegalArgumentException("jobs must be between 1 and 64, was " + jobs);
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(limits, "limits");
    }

    /** With the default {@link CopyLimits}. */
    public CopyOptions(int jobs, Optional<String> owner) {
        this(jobs, owner, CopyLimits.ofDefaults());
    }

    public static CopyOptions ofDefaults() {
        return new CopyOptions(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), Optional.empty());
    }

    public CopyOptions withJobs(int otherJobs) {
        return new CopyOptions(otherJobs, owner, limits);
    }

    public CopyOptions withOwner(String role) {
        return new CopyOptions(jobs, Optional.ofNullable(role), limits);
    }

    public CopyOptions withLimits(CopyLimits otherLimits) {
        return new CopyOptions(jobs, owner, otherLimits);
    }
}
