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
 * pg_dump reads it; fence writers before the copy. All sequences cost one query on each side, not one per sequence
 * (thousands of small tables each have one): {@code pg_sequence_last_value} for all, a {@code UNION ALL} read of
 * the few nextval never moved (their {@code is_called} is false and their value may have been set), and one
 * {@code setval} over arrays. Stateless.
 */
public final class SequenceCopier {
    /** Never-called sequences read by one {@code UNION ALL} query. */
    static final int BATCH = 500;

    public void copy(Connection source, Connection target, List<TableRef> sequences) throws SQLException {
        if (sequences.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<Boolean> called = new ArrayList<>();
        List<TableRef> neverCalled = new ArrayList<>();
        // pg_sequence_last_value is NULL for a sequence nextval never moved; only those need reading one by one
        String calledSql = "SELECT s.i, pg_catalog.pg_sequence_last_value(s.name::pg_catalog.regclass)"
                + " FROM unnest(?::pg_catalog.text[]) WITH ORDINALITY AS s(name, i)";
        try (PreparedStatement ps = source.prepareStatement(calledSql)) {
            ps.setArray(1, source.createArrayOf("text", sequences.stream().map(TableRef::sql).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableRef seq = sequences.get(rs.getInt(1) - 1);
                    long last = rs.getLong(2);
                    if (rs.wasNull()) {
                        neverCalled.add(seq);
                    } else {
                        names.add(seq.sql());
                        values.add(last);
                        called.add(true);
                    }
                }
            }
        }
        for (int from = 0; from < neverCalled.size(); from += BATCH) {
            List<TableRef> batch = neverCalled.subList(from, Math.min(neverCalled.size(), from + BATCH));
            try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(readAll(batch))) {
                while (rs.next()) {
                    names.add(batch.get(rs.getInt(1)).sql());
                    values.add(rs.getLong(2));
                    called.add(rs.getBoolean(3));
                }
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
