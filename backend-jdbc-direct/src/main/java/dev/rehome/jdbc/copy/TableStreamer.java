package dev.rehome.jdbc.copy;

import dev.rehome.core.OperationFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Streams rows from a source session into a target session: {@code COPY ... TO STDOUT} read one CopyData message
 * at a time and written straight into {@code COPY ... FROM STDIN}, so memory holds one row, whatever the table's
 * size. A whole table of 8 MB or more loads into a table truncated in the same transaction with {@code FREEZE}, so
 * its rows need no later vacuum to be frozen; a smaller one loads plainly; a part of a split table (a range of heap pages, read with a TID range scan) loads
 * beside the other parts without it. The row count the source sent must equal the count the target loaded, or
 * the copy fails. Every row's bytes go to {@code moved} as they pass, so a stalled stream shows within a row.
 * Thread-safe; the sessions are the caller's.
 */
final class TableStreamer {
    private static final int CHECK_EVERY_MESSAGES = 4096;
    /**
     * Smaller tables load without TRUNCATE and FREEZE: the TRUNCATE (new files for the table, its TOAST table and
     * index, and their catalog rows) costs more than the freeze pass it saves a later vacuum, and with thousands of
     * small tables it was a large part of the data phase.
     */
    static final long FREEZE_FROM_BYTES = 8L << 20;

    private final LongConsumer moved;

    /** @param moved hears of the bytes of every row written to the target */
    TableStreamer(LongConsumer moved) {
        this.moved = Objects.requireNonNull(moved, "moved");
    }

    /** What one COPY moved. */
    record Moved(long rows, long bytes) {
    }

    Moved copyWhole(Connection source, Connection target, TableSpec spec, ProgressMeter meter, BooleanSupplier stop)
            throws SQLException {
        String out = "COPY " + spec.copyTarget() + " TO STDOUT" + spec.copyOptions();
        if (spec.estimatedBytes() < FREEZE_FROM_BYTES) {
            return pipe(source, target, spec, out, "COPY " + spec.copyTarget() + " FROM STDIN" + spec.copyOptions(),
                    meter, stop);
        }
        try (Statement s = target.createStatement()) {
            s.execute("TRUNCATE ONLY " + spec.table().sql());
        }
        String in = "COPY " + spec.copyTarget() + " FROM STDIN" + spec.copyOptions().replace(")", ", FREEZE)");
        return pipe(source, target, spec, out, in, meter, stop);
    }

    /** Pages {@code fromPage} up to {@code toPage} (exclusive; negative: to the end of the table). */
    Moved copyPages(Connection source, Connection target, TableSpec spec, long fromPage, long toPage, ProgressMeter meter,
                    BooleanSupplier stop) throws SQLException {
        String range = "ctid >= '(" + fromPage + ",0)'::pg_catalog.tid"
                + (toPage < 0 ? "" : " AND ctid < '(" + toPage + ",0)'::pg_catalog.tid");
        String out = "COPY (SELECT " + spec.selectList() + " FROM ONLY " + spec.table().sql() + " WHERE " + range
                + ") TO STDOUT" + spec.copyOptions();
        String in = "COPY " + spec.copyTarget() + " FROM STDIN" + spec.copyOptions();
        return pipe(source, target, spec, out, in, meter, stop);
    }

    private Moved pipe(Connection source, Connection target, TableSpec spec, String out, String in, ProgressMeter meter,
                       BooleanSupplier stop) throws SQLException {
        CopyOut reader = source.unwrap(PGConnection.class).getCopyAPI().copyOut(out);
        CopyIn writer = null;
        try {
            writer = target.unwrap(PGConnection.class).getCopyAPI().copyIn(in);
            long messages = 0;
            long bytes = 0;
            long pendingBytes = 0;
            byte[] row;
            while ((row = reader.readFromCopy()) != null) {
                writer.writeToCopy(row, 0, row.length);
                moved.accept(row.length);
                pendingBytes += row.length;
                if (++messages % CHECK_EVERY_MESSAGES == 0) {
                    if (stop.getAsBoolean()) {
                        throw new OperationFailedException("copy of " + spec.table() + " stopped: another table failed");
                    }
                    meter.add(CHECK_EVERY_MESSAGES, pendingBytes);
                    bytes += pendingBytes;
                    pendingBytes = 0;
                }
            }
            long loaded = writer.endCopy();
            long sent = reader.getHandledRowCount();
            // messages approximate rows (binary COPY adds framing messages); settle on the exact count now
            meter.add(loaded - (messages - messages % CHECK_EVERY_MESSAGES), pendingBytes);
            if (loaded != sent) {
                throw new OperationFailedException("table " + spec.table() + ": the source sent " + sent
                        + " rows but the target loaded " + loaded);
            }
            target.commit();
            return new Moved(loaded, bytes + pendingBytes);
        } catch (SQLException | RuntimeException e) {
            cancelQuietly(reader, writer);
            target.rollback();
            if (e instanceof SQLException sql) {
                throw new OperationFailedException("copy of table " + spec.table() + " failed: " + sql.getMessage(), sql);
            }
            throw e;
        }
    }

    private static void cancelQuietly(CopyOut reader, CopyIn writer) {
        try {
            if (writer != null && writer.isActive()) {
                writer.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the copy failed already; cancelling is best effort
        }
        try {
            if (reader.isActive()) {
                reader.cancelCopy();
            }
        } catch (SQLException ignored) {
            // same
        }
    }
}
