package dev.rehome.jdbc.verify;

import dev.rehome.core.Identifiers;
import dev.rehome.core.TableRef;
import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * {@link InServerChecksum} without most of its text: {@code hash_record_extended} (PostgreSQL 14 and later) hashes
 * each column with its type's own extended hash function, so a {@code bigint}, a timestamp or a {@code jsonb}
 * is hashed from its stored form instead of being printed first. The row-to-text cast was most of the work
 * (about 3.4x on a mixed 2 M-row table, bench/README.md).
 *
 * <p>Why it is equal across major versions: the extended hash functions are what hash partitioning routes rows
 * by, so PostgreSQL keeps them stable across majors (a pg_upgrade'd hash-partitioned table depends on it). Only
 * the types in {@link #NATIVE_TYPES} are hashed natively; everything else, {@code numeric} included (its hash
 * ignores the scale: 1.0 and 1.00 hash alike, and a copy that changed a scale must show), goes through its text as
 * before. Text columns are hashed as bytes under {@code COLLATE "C"}, so no collation changes the hash. What the
 * native hashes equate and COPY never changes: {@code -0} and {@code 0} as floats. Stateless.
 */
final class RecordHashChecksum {
    /** The oldest major with {@code hash_record_extended}. */
    static final int MIN_MAJOR = 14;
    /**
     * Built-in types (their OIDs are fixed) hashed from their stored form: bool, bytea, "char", int8, int2, int4,
     * text, oid, float4, float8, cidr, inet, macaddr, bpchar, varchar, date, time, timestamp, timestamptz, uuid,
     * jsonb. Not interval: its hash equates '1 day' and '24 hours'.
     */
    static final String NATIVE_TYPES = "16, 17, 18, 20, 21, 23, 25, 26, 700, 701, 650, 869, 829, 1042, 1043, 1082,"
            + " 1083, 1114, 1184, 2950, 3802";
    /** The text-like ones among them, hashed as bytes. */
    private static final Set<String> TEXT_TYPES = Set.of("25", "1042", "1043");

    private RecordHashChecksum() {
    }

    /** The query for the columns of {@code table}, in their order; each hashed natively when both sides allow it. */
    static String sql(TableRef table, ChecksumColumns columns) {
        String row = columns.names().stream().map(c -> expression(c, columns)).collect(Collectors.joining(", "));
        return "SELECT pg_catalog.count(*), pg_catalog.sum(pg_catalog.hash_record_extended(ROW(" + row + "), "
                + InServerChecksum.SEED + ")) FROM ONLY " + table.sql();
    }

    private static String expression(String column, ChecksumColumns columns) {
        String quoted = Identifiers.quote(column);
        String type = columns.nativeTypes().get(column);
        return type == null || TEXT_TYPES.contains(type) ? quoted + "::pg_catalog.text COLLATE \"C\"" : quoted;
    }

    static ContentChecksum of(Handle session, TableRef table, ChecksumColumns columns) {
        if (columns.names().isEmpty()) {
            // ROW() has no columns to hash; the text form of the empty row still counts the rows.
            return InServerChecksum.of(session, table, columns.names());
        }
        return session.createQuery(sql(table, columns)).map((rs, ctx) -> {
            BigDecimal sum = rs.getBigDecimal(2);
            return new ContentChecksum(rs.getLong(1), sum == null ? 0 : InServerChecksum.modulo64(sum));
        }).one();
    }
}
