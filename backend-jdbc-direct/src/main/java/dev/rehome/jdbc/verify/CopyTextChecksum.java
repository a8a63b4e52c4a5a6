package dev.rehome.jdbc.verify;

import dev.rehome.core.Identifiers;
import dev.rehome.core.TableRef;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The checksum for servers older than PostgreSQL 11, which lack {@code hashtextextended} (see
 * {@link InServerChecksum}, used otherwise): streams one table out of a session with {@code COPY (SELECT cols FROM ONLY t) TO STDOUT} in text format and
 * hashes it on the client as it arrives: memory stays at one COPY message, the database only does the COPY, and
 * the text form (with {@link dev.rehome.jdbc.PgConnector}'s pinned output settings) is the same on every major
 * version, unlike binary COPY whose bytes depend on the column types.
 */
final class CopyTextChecksum {
    private CopyTextChecksum() {
    }

    /** The COPY statement for {@code columns} of {@code table}, in the given order; no columns reads empty rows. */
    static String copySql(TableRef table, List<String> columns) {
        String select = columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        return "COPY (SELECT " + (select.isEmpty() ? "" : select + " ") + "FROM ONLY " + table.sql() + ") TO STDOUT";
    }

    static ContentChecksum of(Handle session, TableRef table, List<String> columns) throws SQLException {
        CopyOut copy = session.getConnection().unwrap(PGConnection.class).getCopyAPI().copyOut(copySql(table, columns));
        RowHashSum hash = new RowHashSum();
        try {
            byte[] chunk;
            while ((chunk = copy.readFromCopy()) != null) {
                hash.accept(chunk);
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return hash.result();
    }
}
