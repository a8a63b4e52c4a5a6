package dev.rehome.jdbc.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Copies every large object with its OID kept (applications store the OIDs in their tables), its contents
 * streamed in chunks on the snapshot session. The new objects belong to the target session's role: the owner
 * role when one was given, else the target login, like every other object. Comments and grants on large
 * objects are not copied. Each chunk's bytes go to {@code moved} as they pass. Thread-safe.
 */
final class LargeObjectCopier {
    private static final int CHUNK = 256 * 1024;

    private final LongConsumer moved;

    LargeObjectCopier(LongConsumer moved) {
        this.moved = Objects.requireNonNull(moved, "moved");
    }
    private static final int COMMIT_EVERY = 500;

    /** Returns the number of bytes copied. */
    long copy(Connection source, Connection target, ProgressMeter meter, BooleanSupplier stop) throws SQLException {
        LargeObjectManager from = source.unwrap(PGConnection.class).getLargeObjectAPI();
        LargeObjectManager to = target.unwrap(PGConnection.class).getLargeObjectAPI();
        byte[] buf = new byte[CHUNK];
        long bytes = 0;
        int sinceCommit = 0;
        try (Statement s = source.createStatement();
             ResultSet rs = s.executeQuery("SELECT oid::int8 FROM pg_catalog.pg_largeobject_metadata ORDER BY oid");
             PreparedStatement create = target.prepareStatement("SELECT pg_catalog.lo_create(?::oid)")) {
            while (rs.next() && !stop.getAsBoolean()) {
                long oid = rs.getLong(1);
                create.setLong(1, oid);
                create.execute();
                long copied = 0;
                try (LargeObject in = from.open(oid, LargeObjectManager.READ);
                     LargeObject out = to.open(oid, LargeObjectManager.WRITE)) {
                    int n;
                    while ((n = in.read(buf, 0, buf.length)) > 0) {
                        out.write(buf, 0, n);
                        moved.accept(n);
                        copied += n;
                    }
                }
                bytes += copied;
                meter.add(0, copied);
                if (++sinceCommit >= COMMIT_EVERY) {
                    target.commit();
                    sinceCommit = 0;
                }
            }
            target.commit();
            return bytes;
        } catch (SQLException e) {
            target.rollback();
            throw e;
        }
    }
}
