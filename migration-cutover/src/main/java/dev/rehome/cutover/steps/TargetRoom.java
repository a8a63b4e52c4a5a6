package dev.rehome.cutover.steps;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the target's data volume has room for the copy (catalogue R-1). A full volume stops every tenant of the
 * shared cluster, not just this move, so preflight refuses when the source needs more than is free: twice its size,
 * for the data, the indexes built after it and the WAL written while loading, before archiving recycles it.
 */
final class TargetRoom {
    static final int MARGIN = 2;
    private static final long MIB = 1024 * 1024;

    private TargetRoom() {
    }

    static String describe(long sourceBytes, OptionalLong freeBytes) {
        return "space: source database " + sourceBytes / MIB + " MiB; target data volume "
                + (freeBytes.isPresent() ? freeBytes.getAsLong() / MIB + " MiB free (needs about " + needed(sourceBytes)
                / MIB + " MiB)" : "free space unknown (df in the primary could not be read)");
    }

    static Optional<String> refusal(long sourceBytes, OptionalLong freeBytes) {
        if (freeBytes.isEmpty() || needed(sourceBytes) <= freeBytes.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of("the target's data volume has " + freeBytes.getAsLong() / MIB + " MiB free and the copy"
                + " needs about " + needed(sourceBytes) / MIB + " MiB (" + MARGIN + " x the source's " + sourceBytes / MIB
                + " MiB: data, indexes and the WAL written while loading); filling it would stop every database of"
                + " the cluster, so grow the volume (spec.storage.size) or make room, then rerun");
    }

    private static long needed(long sourceBytes) {
        return sourceBytes * MARGIN;
    }
}
