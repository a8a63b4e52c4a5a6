package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.TableRef;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.BorrowedHandles;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-content checksum of every table and populated materialized view on both sides, computed in each server:
 * {@link RecordHashChecksum} when both run PostgreSQL 14 or later, else {@link InServerChecksum}; when either
 * server is older than PostgreSQL 11, which lacks
 * {@code hashtextextended}, both sides stream COPY text and hash it here instead (see {@link RowHashSum}).
 * Both sides read the same columns in the same order: the source's column order, restricted to the columns both
 * sides have; a column on one side only is itself a finding. A table on one side only is checksummed there and
 * reported with {@code missing} for the other side; a materialized view populated on one side only, likewise
 * with {@code not populated}.
 */
final class ContentChecksumVerifier implements Verifier {
    static final String CHECK = "checksum";
    private static final String NOT_POPULATED = "not populated";
    private static final Logger LOG = LoggerFactory.getLogger(ContentChecksumVerifier.class);

    private final PgConnector connector;
    private final int jobs;

    /** {@code jobs} sessions per side stream tables at the same time, all in that side's one snapshot. */
    ContentChecksumVerifier(PgConnector connector, int jobs) {
        this.connector = Objects.requireNonNull(connector, "connector");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
        }
        this.jobs = jobs;
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
            Sides<Map<TableRef, DataRelation>> relations = sessions.both("listing tables", DataRelations::list);
            List<Finding> findings = new ArrayList<>();
            Sides<Map<TableRef, ChecksumColumns>> plan = plan(relations, findings);
            Sides<Integer> majors = sessions.both("reading the server version",
                    h -> h.getConnection().getMetaData().getDatabaseMajorVersion());
            Method method = method(Math.min(majors.source(), majors.target()));
            Sides<Map<TableRef, ContentChecksum>> sums = sessions.each("checksumming tables",
                    s -> checksumAll(s, source, plan.source(), relations.source(), method),
                    t -> checksumAll(t, target, plan.target(), relations.target(), method));
            Set<TableRef> tables = new TreeSet<>(plan.source().keySet());
            tables.addAll(plan.target().keySet());
            List<TableCheck> checks = new ArrayList<>();
            for (TableRef table : tables) {
                ContentChecksum s = sums.source().get(table);
                ContentChecksum t = sums.target().get(table);
                if (s != null && t != null) {
                    checks.add(new TableCheck(table.toString(), s.rows(), t.rows(), s.hex(), t.hex()));
                }
                if (!Objects.equals(s, t)) {
                    findings.add(new Finding(CHECK, table.toString(), shown(s, relations.source().get(table)),
                            shown(t, relations.target().get(table))));
                }
            }
            return new VerificationReport(List.of(CHECK), checks, List.of(), findings);
        }
    }

    private static String shown(ContentChecksum sum, DataRelation relation) {
        if (sum != null) {
            return sum.describe();
        }
        return relation == null ? null : NOT_POPULATED;
    }

    /**
     * Per side, the columns to read of each readable relation: on both sides the source's column order cut down
     * to the columns both have (column-set differences become findings); a relation on one side only, all its
     * columns.
     */
    private static Sides<Map<TableRef, ChecksumColumns>> plan(Sides<Map<TableRef, DataRelation>> relations,
                                                              List<Finding> findings) {
        Map<TableRef, ChecksumColumns> onSource = new LinkedHashMap<>();
        Map<TableRef, ChecksumColumns> onTarget = new LinkedHashMap<>();
        Set<TableRef> all = new TreeSet<>(relations.source().keySet());
        all.addAll(relations.target().keySet());
        for (TableRef table : all) {
            DataRelation s = relations.source().get(table);
            DataRelation t = relations.target().get(table);
            List<String> columns = s != null ? new ArrayList<>(s.columns()) : new ArrayList<>(t.columns());
            if (s != null && t != null) {
                columns.retainAll(t.columns());
                if (columns.size() != s.columns().size() || columns.size() != t.columns().size()) {
                    findings.add(new Finding(CHECK, table + " columns", String.valueOf(s.columns()),
                            String.valueOf(t.columns())));
                }
            }
            ChecksumColumns read = ChecksumColumns.of(columns, s, t);
            if (s != null && s.populated()) {
                onSource.put(table, read);
            }
            if (t != null && t.populated()) {
                onTarget.put(table, read);
            }
        }
        return new Sides<>(onSource, onTarget);
    }

    /** Checksums the planned tables of one side, the biggest first so the last job to finish is a small one. */
    private Map<TableRef, ContentChecksum> checksumAll(Handle session, DatabaseEndpoint endpoint,
                                                      Map<TableRef, ChecksumColumns> plan,
                                                      Map<TableRef, DataRelation> relations, Method method)
            throws SQLException {
        List<TableRef> order = new ArrayList<>(plan.keySet());
        order.sort(Comparator.comparingLong((TableRef t) -> relations.get(t).pages()).reversed());
        Map<TableRef, ContentChecksum> out = new TreeMap<>();
        try (SnapshotWorkers workers = new SnapshotWorkers(connector, endpoint, session.getConnection(),
                Math.max(1, Math.min(jobs, order.size())))) {
            workers.forEach(order, out, (s, table) -> checksum(s, table, plan.get(table), method));
        }
        return out;
    }

    private static ContentChecksum checksum(Connection session, TableRef table, ChecksumColumns columns, Method method)
            throws SQLException {
        long started = System.nanoTime();
        ContentChecksum sum;
        try (Handle h = BorrowedHandles.borrow(session)) {
            sum = method.of(h, table, columns);
        }
        LOG.debug("checksummed {} ({} rows) in {} ms", table, sum.rows(), (System.nanoTime() - started) / 1_000_000);
        return sum;
    }

    /** How one table's checksum is computed; both sides always use the same one. */
    @FunctionalInterface
    interface Method {
        ContentChecksum of(Handle session, TableRef table, ChecksumColumns columns) throws SQLException;
    }

    /** The cheapest checksum both servers can compute alike: the older of the two decides. */
    static Method method(int olderMajor) {
        if (olderMajor >= RecordHashChecksum.MIN_MAJOR) {
            return RecordHashChecksum::of;
        }
        if (olderMajor >= InServerChecksum.MIN_MAJOR) {
            return (h, table, columns) -> InServerChecksum.of(h, table, columns.names());
        }
        return (h, table, columns) -> CopyTextChecksum.of(h, table, columns.names());
    }
}
