package dev.rehome.jdbc.copy;

import dev.rehome.core.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sets every target sequence to its source position, {@code is_called} included, so the next {@code nextval}
 * returns on the target what it would have returned on the source (also for sequences set far ahead of the data
 * and for sequences no column uses). Sequences are not transactional: the value read is the current one, as
 * pg_dump reads it; fence writers before the copy. A batch of sequences costs one query on each side, not one per
 * sequence: thousands of small tables each have one. Stateless.
 */
public final class SequenceCopier {
    /** Sequences read by one {@code UNION ALL} query and set by one {@code setval} over arrays. */
    static final int BATCH = 500;

    public void copy(Connection source, Connection target, List<TableRef> sequences) throws SQLException {
        for (int from = 0; from < sequences.size(); from += BATCH) {
            copyBatch(source, target, sequences.subList(from, Math.min(sequences.size(), from + BATCH)));
        }
    }

    private static void copyBatch(Connection source, Connection target, List<TableRef> batch) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<Boolean> called = new ArrayList<>();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(readAll(batch))) {
            while (rs.next()) {
                names.add(batch.get(rs.getInt(1)).sql());
                values.add(rs.getLong(2));
                called.add(rs.getBoolean(3));
            }
        }
        String set = "SELECT pg_catalog.setval(s.name::pg_catalog.regclass, s.value, s.called) FROM unnest("
                + "?::pg_catalog.text[], ?::pg_catalog.int8[], ?::pg_catalog.bool[]) AS s(name, value, called)";
        try (PreparedStatement ps = target.prepareStatement(set)) {
            ps.setArray(1, target.createArrayOf("text", names.toArray()));
            ps.setArray(2, target.createArrayOf("int8", values.toArray()));
            ps.setArray(3, target.createArrayOf("bool", called.toArray()));
            ps.executeQuery().close();
        }
    }

    /** {@code SELECT 0, last_value, is_called FROM "s"."a" UNION ALL SELECT 1, ...}: names quoted, never bound. */
    static String readAll(List<TableRef> batch) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            parts.add("SELECT " + i + ", last_value, is_called FROM " + batch.get(i).sql());
        }
        return parts.stream().collect(Collectors.joining(" UNION ALL "));
    }
}
