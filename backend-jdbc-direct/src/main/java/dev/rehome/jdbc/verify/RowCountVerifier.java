package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
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
 * Exact {@code count(*)} of every table and populated materialized view (leaves only, see
 * {@link DataRelations}) on both sides. A table on one side only, or a materialized view populated on one side
 * only, is a finding too.
 */
final class RowCountVerifier implements Verifier {
    static final String CHECK = "rows";
    /** Stands for the row count of a materialized view that was never populated and so cannot be read. */
    private static final long NOT_POPULATED = -1;

    private final PgConnector connector;

    RowCountVerifier(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
            Sides<Map<TableRef, Long>> counts = sessions.both("counting rows", RowCountVerifier::countAll);
            Set<TableRef> all = new TreeSet<>(counts.source().keySet());
            all.addAll(counts.target().keySet());
            List<TableCheck> tables = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            for (TableRef table : all) {
                Long s = counts.source().get(table);
                Long t = counts.target().get(table);
                if (isCount(s) && isCount(t)) {
                    tables.add(new TableCheck(table.toString(), s, t, null, null));
                }
                if (!Objects.equals(s, t)) {
                    findings.add(new Finding(CHECK, table.toString(), shown(s), shown(t)));
                }
            }
            return new VerificationReport(List.of(CHECK), tables, List.of(), findings);
        }
    }

    private static boolean isCount(Long rows) {
        return rows != null && rows != NOT_POPULATED;
    }

    /** The count, {@code not populated}, or null (shown as {@code missing}). */
    private static String shown(Long rows) {
        if (rows == null) {
            return null;
        }
        return rows == NOT_POPULATED ? "not populated" : rows.toString();
    }

    private static Map<TableRef, Long> countAll(Handle session) {
        Map<TableRef, Long> out = new TreeMap<>();
        for (DataRelation r : DataRelations.list(session).values()) {
            out.put(r.table(), r.populated()
                    ? session.createQuery("SELECT count(*) FROM ONLY " + r.table().sql()).mapTo(Long.class).one()
                    : NOT_POPULATED);
        }
        return out;
    }
}
