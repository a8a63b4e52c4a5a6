package dev.rehome.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a copy may go on. {@code stall}: the longest the data stream may move no bytes at all before the copy
 * is given up (a black-holed network or a frozen server never fails a socket by itself: TCP keepalive takes hours
 * and a blocked write has no timeout). {@code deadline}: the longest the whole copy may take, index builds and
 * {@code ANALYZE} included, which legitimately move no bytes for a long time. Immutable.
 */
public record CopyLimits(Duration stall, Duration deadline) {
    public static final Duration DEFAULT_STALL = Duration.ofMinutes(5);
    /** As long as the dump-restore engine always allowed its longest program. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(24);

    public CopyLimits {
        Objects.requireNonNull(stall, "stall");
        Objects.requireNonNull(deadline, "deadline");
        if (stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("the stall limit must be positive, was " + stall);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the copy deadline must be positive, was " + deadline);
        }
    }

    public static CopyLimits ofDefaults() {
        return new CopyLimits(DEFAULT_STALL, DEFAULT_DEADLINE);
    }

    public CopyLimits withStall(Duration otherStall) {
        return new CopyLimits(otherStall, deadline);
    }

    public CopyLimits withDeadline(Duration otherDeadline) {
        return new CopyLimits(stall, otherDeadline);
    }
}
