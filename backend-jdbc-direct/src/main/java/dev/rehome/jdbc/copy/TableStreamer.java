package dev.rehome.jdbc.copy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.TableCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one table from a source session into a target session: {@code COPY ... TO STDOUT} read one CopyData
 * message at a time and written straight into {@code COPY ... FROM STDIN}, so memory holds one row, whatever the
 * table's size. The target loads into a table truncated in the same transaction with {@code FREEZE}, so the
 * rows need no later vacuum to be frozen. The row count the source sent must equal the count the target
 * loaded, or the table fails. Stateless and thread-safe; the sessions are the caller's.
 */
final class TableStreamer {
    private static final Logger LOG = LoggerFactory.getLogger(TableStreamer.class);
    private static final int CHECK_EVERY_MESSAGES = 4096;

    private final Clock clock;

    TableStreamer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    TableCopy copy(Connection source, Connection target, TableSpec spec, ProgressMeter meter, BooleanSupplier stop)
            throws SQLException {
        long start = clock.millis();
        try (Statement s = target.createStatement()) {
            s.execute("TRUNCATE ONLY " + spec.table().sql());
        }
        String out = "COPY " + spec.copyTarget() + " TO STDOUT" + spec.copyOptions();
        String in = "COPY " + spec.copyTarget() + " FROM STDIN" + spec.copyOptions().replace(")", ", FREEZE)");
        CopyOut reader = source.unwrap(PGConnection.class).getCopyAPI().copyOut(out);
        CopyIn writer = null;
        long bytes = 0;
        try {
            writer = target.unwrap(PGConnection.class).getCopyAPI().copyIn(in);
            long messages = 0;
            long pendingBytes = 0;
            byte[] row;
            while ((row = reader.readFromCopy()) != null) {
                writer.writeToCopy(row, 0, row.length);
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
            bytes += pendingBytes;
            // messages approximate rows (binary COPY adds framing messages); settle on the exact count now
            meter.add(loaded - (messages - messages % CHECK_EVERY_MESSAGES), pendingBytes);
            if (loaded != sent) {
                throw new OperationFailedException("table " + spec.table() + ": the source sent " + sent
                        + " rows but the target loaded " + loaded);
            }
            target.commit();
            Duration took = Duration.ofMillis(clock.millis() - start);
            LOG.debug("copied '{}': {} rows, {} bytes, {} format, {} ms", spec.table(), loaded, bytes,
                    spec.binary() ? "binary" : "text", took.toMillis());
            return new TableCopy(spec.table(), loaded, bytes, took);
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
