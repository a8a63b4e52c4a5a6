package dev.rehome.kubectl.safety;

import dev.rehome.core.Journal;
import dev.rehome.core.JournalState;
import dev.rehome.core.StepRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Writes every state to a local journal first and then to the cluster's ({@link ConfigMapJournal}); reads the
 * one that saw the latest step, so a run resumed from another machine, or after the local file was lost, still
 * continues where the last one stopped. Thread-safe if both journals are.
 */
public final class MirroredJournal implements Journal {
    private final Journal local;
    private final Journal cluster;

    public MirroredJournal(Journal local, Journal cluster) {
        this.local = Objects.requireNonNull(local, "local");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    @Override
    public JournalState read(String plan) {
        JournalState fromLocal = local.read(plan);
        JournalState fromCluster = cluster.read(plan);
        return latest(fromCluster).isAfter(latest(fromLocal)) ? fromCluster : fromLocal;
    }

    @Override
    public void write(JournalState state) {
        local.write(state);
        cluster.write(state);
    }

    private static Instant latest(JournalState state) {
        return state.steps().stream().map(StepRecord::at).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }
}
