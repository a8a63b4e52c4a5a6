package dev.rehome.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a verification compared and what it found. It passed when there are no findings; every mismatch in
 * {@code tables} or {@code sequences} is also a finding. {@code checks} names the checks that ran.
 */
public record VerificationReport(List<String> checks, List<TableCheck> tables, List<SequenceCheck> sequences,
                                 List<Finding> findings) {
    public VerificationReport {
        checks = List.copyOf(checks);
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        findings = List.copyOf(findings);
    }

    public static VerificationReport empty() {
        return new VerificationReport(List.of(), List.of(), List.of(), List.of());
    }

    public static VerificationReport ofFindings(String check, List<Finding> findings) {
        return new VerificationReport(List.of(check), List.of(), List.of(), findings);
    }

    public boolean passed() {
        return findings.isEmpty();
    }

    /** Both reports together; table rows of the same table are merged, a checksum filling an absent one. */
    public VerificationReport merge(VerificationReport other) {
        Objects.requireNonNull(other, "other");
        List<String> c = new ArrayList<>(checks);
        other.checks.stream().filter(x -> !c.contains(x)).forEach(c::add);
        List<TableCheck> t = new ArrayList<>(tables);
        for (TableCheck add : other.tables) {
            int at = indexOf(t, add.table());
            if (at < 0) {
                t.add(add);
            } else {
                TableCheck had = t.get(at);
                t.set(at, new TableCheck(had.table(), had.sourceRows(), had.targetRows(),
                        had.sourceChecksum() != null ? had.sourceChecksum() : add.sourceChecksum(),
                        had.targetChecksum() != null ? had.targetChecksum() : add.targetChecksum()));
            }
        }
        List<SequenceCheck> s = new ArrayList<>(sequences);
        s.addAll(other.sequences);
        List<Finding> f = new ArrayList<>(findings);
        f.addAll(other.findings);
        return new VerificationReport(c, t, s, f);
    }

    private static int indexOf(List<TableCheck> tables, String name) {
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).table().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
