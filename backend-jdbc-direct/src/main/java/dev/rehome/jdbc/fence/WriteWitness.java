package dev.rehome.jdbc.fence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Evidence of writes on the source instance at one moment, compared before and after the copy.
 *
 * <p>{@code nextXid} is {@code pg_snapshot_xmax(pg_current_snapshot())}: the next transaction id of the whole
 * instance, 64-bit (no wraparound). Every transaction that writes a row, in any database, committed or rolled
 * back, takes one, so an unchanged value proves nobody wrote in between, whether or not anyone is connected when
 * it is read; a session that connected, wrote and left still moved it. Reading it assigns none. The one write
 * without an xid is {@code nextval} served from the 32 values a sequence logs ahead, so every sequence's
 * {@code last_value} is compared too.
 *
 * <p>Rejected: {@code pg_current_xact_id_if_assigned()} (the reading session's own xid: always null for a
 * reader, so it "passes" whatever others did); {@code pg_stat_database.xact_commit} (counts read-only
 * transactions, ours included, and is flushed up to a second late); WAL position (moves without writes: hint
 * bits, pruning). A moved witness is not proof of an app write: autovacuum's ANALYZE takes an xid too. Then the
 * caller must compare content (the checksum verifier) before trusting the copy.
 *
 * @param sequences {@code schema.name} to {@code last_value} ({@code null} text when never called or not readable)
 */
public record WriteWitness(long nextXid, Map<String, String> sequences, Instant takenAt) {
    public WriteWitness {
        sequences = java.util.Collections.unmodifiableMap(new TreeMap<>(sequences));
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** What changed between this (before) and {@code after}. */
    public WitnessVerdict compare(WriteWitness after) {
        List<String> evidence = new ArrayList<>();
        if (after.nextXid != nextXid) {
            evidence.add((after.nextXid - nextXid) + " transaction id(s) assigned (next xid " + nextXid + " -> "
                    + after.nextXid + ")");
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>(sequences.keySet());
        names.addAll(after.sequences.keySet());
        for (String name : names) {
            if (!sequences.containsKey(name) || !after.sequences.containsKey(name)) {
                evidence.add("sequence " + name + (sequences.containsKey(name) ? " disappeared" : " appeared"));
            } else if (!Objects.equals(sequences.get(name), after.sequences.get(name))) {
                evidence.add("sequence " + name + " " + sequences.get(name) + " -> " + after.sequences.get(name));
            }
        }
        return evidence.isEmpty() ? new WitnessVerdict.Quiet(takenAt, after.takenAt)
                : new WitnessVerdict.Moved(evidence);
    }
}
