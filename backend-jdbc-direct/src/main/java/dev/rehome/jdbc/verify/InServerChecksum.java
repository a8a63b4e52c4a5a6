package dev.rehome.jdbc.verify;

import dev.rehome.core.Identifiers;
import dev.rehome.core.TableRef;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The order-independent checksum of one table computed by the server in one pass: {@code count(*)} and the sum of
 * {@code hashtextextended(ROW(cols)::text, seed)} over all rows, taken modulo 2^64 here. Only two numbers cross the
 * network, whatever the table's size; the work is a sequential scan, the row's text form and a 64-bit hash, which
 * costs about as much as a {@code COPY TO} of the table and far less than MD5 (bench/README.md).
 *
 * <p>Why it is equal across major versions: the row text is built by each column type's output function under
 * {@link dev.rehome.jdbc.PgConnector}'s pinned output settings, exactly as COPY text would be, and hashed as
 * bytes ({@code COLLATE "C"}, so no collation changes the hash); {@code hashtextextended} is the same Jenkins hash
 * since PostgreSQL 11 on every server of one byte order (servers of different byte order need
 * {@link CopyTextChecksum}, which {@link ContentChecksumVerifier} picks for servers older than 11 only). Why a sum:
 * XOR would cancel a row that appears twice; {@code sum(bigint)} accumulates in 128 bits in the server, so it
 * never overflows. Stateless.
 */
final class InServerChecksum {
    /** An arbitrary fixed seed ("rehome"): both sides must use the same one. */
    static final long SEED = 0x7265686f6d65L;
    /** The oldest major with {@code hashtextextended}. */
    static final int MIN_MAJOR = 11;

    private InServerChecksum() {
    }

    /** The query for {@code columns} of {@code table}, in the given order; no columns hashes the empty row. */
    static String sql(TableRef table, List<String> columns) {
        String row = columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        return "SELECT pg_catalog.count(*), pg_catalog.sum(pg_catalog.hashtextextended(ROW(" + row
                + ")::pg_catalog.text COLLATE \"C\", " + SEED + ")) FROM ONLY " + table.sql();
    }

    static ContentChecksum of(Handle session, TableRef table, List<String> columns) {
        return session.createQuery(sql(table, columns)).map((rs, ctx) -> {
            BigDecimal sum = rs.getBigDecimal(2);
            return new ContentChecksum(rs.getLong(1), sum == null ? 0 : modulo64(sum));
        }).one();
    }

    /** The exact sum reduced modulo 2^64, as a two's-complement long (what a wrapping Java sum would hold). */
    static long modulo64(BigDecimal exactSum) {
        return exactSum.toBigIntegerExact().longValue();
    }
}
