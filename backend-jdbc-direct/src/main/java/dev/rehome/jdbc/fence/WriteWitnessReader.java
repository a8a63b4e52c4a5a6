package dev.rehome.jdbc.fence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Reads a {@link WriteWitness} in one read-only transaction, which assigns no xid. */
final class WriteWitnessReader {
    private final Clock clock;

    WriteWitnessReader(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    WriteWitness read(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            c.setReadOnly(true);
            long xid = FenceSql.queryLong(c, "SELECT pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())"
                    + "::text::bigint");
            Map<String, String> sequences = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.quote_ident(schemaname) || '.' || "
                    + "pg_catalog.quote_ident(sequencename), last_value::text FROM pg_catalog.pg_sequences");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.put(rs.getString(1), rs.getString(2));
                }
            }
            c.commit();
            return new WriteWitness(xid, sequences, clock.instant());
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
    }
}
