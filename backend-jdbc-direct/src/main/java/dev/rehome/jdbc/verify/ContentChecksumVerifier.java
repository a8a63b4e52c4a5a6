package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.TableRef;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-content checksum of every table and populated materialized view on both sides (see {@link RowHashSum}).
 * Both sides read the same columns in the same order: the source's column order, restricted to the columns both
 * sides have; a column on one side only is itself a finding. Tables on one side only are left to
 * {@link RowCountVerifier} and the schema inventory.
 */
final class ContentChecksumVerifier implements Verifier {
    static final String CHECK = "checksum";
    private static final Logger LOG = LoggerFactory.getLogger(ContentChecksumVerifier.class);

    private final PgConnector connector;

    ContentChecksumVerifier(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
            Sides<Map<TableRef, DataRelation>> relations = sessions.both("listing tables", DataRelations::list);
            List<Finding> findings = new ArrayList<>();
            Map<TableRef, List<String>> plan = plan(relations, findings);
            Sides<Map<TableRef, ContentChecksum>> sums = sessions.both("checksumming tables", s -> checksumAll(s, plan));
            List<TableCheck> tables = new ArrayList<>();
            for (TableRef table : plan.keySet()) {
                ContentChecksum s = sums.source().get(table);
                ContentChecksum t = sums.target().get(table);
                tables.add(new TableCheck(table.toString(), s.rows(), t.rows(), s.hex(), t.hex()));
                if (!s.equals(t)) {
                    findings.add(new Finding(CHECK, table.toString(), s.describe(), t.describe()));
                }
            }
            return new VerificationReport(List.of(CHECK), tables, List.of(), findings);
        }
    }

    /** The columns to read per table present and readable on both sides; column-set differences become findings. */
    private static Map<TableRef, List<String>> plan(Sides<Map<TableRef, DataRelation>> relations,
                                                    List<Finding> findings) {
        Map<TableRef, List<String>> plan = new LinkedHashMap<>();
        for (TableRef table : new TreeSet<>(relations.source().keySet())) {
            DataRelation s = relations.source().get(table);
            DataRelation t = relations.target().get(table);
            if (t == null || !s.populated() || !t.populated()) {
                continue;
            }
            List<String> common = new ArrayList<>(s.columns());
            common.retainAll(t.columns());
            if (common.size() != s.columns().size() || common.size() != t.columns().size()) {
                findings.add(new Finding(CHECK, table + " columns", String.valueOf(s.columns()),
                        String.valueOf(t.columns())));
            }
            plan.put(table, common);
        }
        return plan;
    }

    private static Map<TableRef, ContentChecksum> checksumAll(Connection session, Map<TableRef, List<String>> plan)
            throws SQLException {
        Map<TableRef, ContentChecksum> out = new LinkedHashMap<>();
        for (Map.Entry<TableRef, List<String>> e : plan.entrySet()) {
            long started = System.nanoTime();
            ContentChecksum sum = CopyTextChecksum.of(session, e.getKey(), e.getValue());
            LOG.debug("checksummed {} ({} rows) in {} ms", e.getKey(), sum.rows(), (System.nanoTime() - started) / 1_000_000);
            out.put(e.getKey(), sum);
        }
        return out;
    }
}
