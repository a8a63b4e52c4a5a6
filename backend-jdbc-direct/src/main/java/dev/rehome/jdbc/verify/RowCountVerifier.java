package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.TableRef;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exact {@code count(*)} of every table and populated materialized view (leaves only, see
 * {@link DataRelations}) on both sides. A table on one side only, or a materialized view populated on one side
 * only, is a finding too.
 */
final class RowCountVerifier implements Verifier {
    static final String CHECK = "rows";
    private static final String NOT_POPULATED = "not populated";

    private final PgConnector connector;

    RowCountVerifier(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
            Sides<Map<TableRef, Optional<Long>>> counts = sessions.both("counting rows", RowCountVerifier::countAll);
            List<TableCheck> tables = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            for (TableRef table : new TreeSet<>(union(counts))) {
                Optional<Long> s = counts.source().get(table);
                Optional<Long> t = counts.target().get(table);
                if (s != null && t != null && s.isPresent() && t.isPresent()) {
                    tables.add(new TableCheck(table.toString(), s.get(), t.get(), null, null));
                    if (!s.get().equals(t.get())) {
                        findings.add(new Finding(CHECK, table.toString(), s.get().toString(), t.get().toString()));
                    }
                } else if (!(s != null && t != null && s.isEmpty() && t.isEmpty())) {
                    findings.add(new Finding(CHECK, table.toString(), shown(s), shown(t)));
                }
            }
            return new VerificationReport(List.of(CHECK), tables, List.of(), findings);
        }
    }

    private static Set<TableRef> union(Sides<Map<TableRef, Optional<Long>>> counts) {
        Set<TableRef> all = new TreeSet<>(counts.source().keySet());
        all.addAll(counts.target().keySet());
        return all;
    }

    /** The count, {@code not populated} or {@code missing}. */
    private static String shown(Optional<Long> count) {
        if (count == null) {
            return null;
        }
        return count.map(String::valueOf).orElse(NOT_POPULATED);
    }

    /** Table to row count; empty for a materialized view that was never populated (it cannot be read). */
    private static Map<TableRef, Optional<Long>> countAll(Connection session) throws SQLException {
        Map<TableRef, Optional<Long>> out = new TreeMap<>();
        try (Statement st = session.createStatement()) {
            for (DataRelation r : DataRelations.list(session).values()) {
                if (!r.populated()) {
                    out.put(r.table(), Optional.empty());
                    continue;
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ONLY " + r.table().sql())) {
                    rs.next();
                    out.put(r.table(), Optional.of(rs.getLong(1)));
                }
            }
        }
        return out;
    }
}
