package dev.rehome.core.cutover;

import dev.rehome.core.Journal;
import dev.rehome.core.JournalState;
import java.util.Objects;

/**
 * The journal kept where the cluster is (a ConfigMap, so another machine can resume) and mirrored to a local
 * file (so the operator still has it when the API server is down). Reads come from the primary; a write fails
 * if the primary cannot be written, which stops the run before its next change. Thread-safe if both are.
 */
public final class MirroredJournal implements Journal {
    private final Journal primary;
    private final Journal mirror;

    public MirroredJournal(Journal primary, Journal mirror) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
    }

    @Override
    public JournalState read(String plan) {
        return primary.read(plan);
    }

    @Override
    public void write(JournalState state) {
        primary.write(state);
        mirror.write(state);
    }
}
