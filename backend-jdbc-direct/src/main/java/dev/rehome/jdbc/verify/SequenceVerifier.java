package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.SequenceCheck;
import dev.rehome.core.TableRef;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Compares every sequence's position (the next value {@code nextval()} would return; see
 * {@link SequencePosition}) on both sides, identity and serial sequences included. A sequence reset in the
 * target would hand out keys that already exist: the finding names it and both positions.
 */
final class SequenceVerifier implements Verifier {
    static final String CHECK = "sequence";

    private static final String LIST = "SELECT n.nspname, c.relname, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle"
            + " FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE " + DataRelations.USER_SCHEMA + " ORDER BY n.nspname, c.relname";

    private final PgConnector connector;

    SequenceVerifier(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
            Sides<Map<TableRef, Long>> next = sessions.both("reading sequences", SequenceVerifier::positions);
            Set<TableRef> all = new TreeSet<>(next.source().keySet());
            all.addAll(next.target().keySet());
            List<SequenceCheck> checks = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            for (TableRef seq : all) {
                Long s = next.source().get(seq);
                Long t = next.target().get(seq);
                if (s != null && t != null) {
                    checks.add(new SequenceCheck(seq.toString(), s, t));
                }
                if (!Objects.equals(s, t)) {
                    findings.add(new Finding(CHECK, seq.toString(), describe(s), describe(t)));
                }
            }
            return new VerificationReport(List.of(CHECK), List.of(), checks, findings);
        }
    }

    /** The next value, or null (shown as {@code missing}) for a sequence on one side only. */
    private static String describe(Long nextValue) {
        return nextValue == null ? null : nextValue.toString();
    }

    private static Map<TableRef, Long> positions(Handle session) {
        Map<TableRef, Long> out = new TreeMap<>();
        for (Sequence s : session.createQuery(LIST).map((rs, ctx) -> new Sequence(new TableRef(rs.getString(1),
                rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBoolean(6))).list()) {
            out.put(s.name(), session.createQuery("SELECT last_value, is_called FROM " + s.name().sql())
                    .map((v, ctx) -> new SequencePosition(v.getLong(1), v.getBoolean(2), s.increment(), s.min(), s.max(),
                            s.cycle()).nextValue()).one());
        }
        return out;
    }

    private record Sequence(TableRef name, long increment, long min, long max, boolean cycle) {
    }
}
