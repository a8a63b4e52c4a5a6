package dev.rehome.jdbc.copy;

import dev.rehome.core.TableRef;
import dev.rehome.jdbc.BorrowedHandles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Sets every target sequence to its source position, {@code is_called} included, so the next {@code nextval}
 * returns on the target what it would have returned on the source (also for sequences set far ahead of the data
 * and for sequences no column uses). Sequences are not transactional: the value read is the current one, as
 * pg_dump reads it; fence writers before the copy. All sequences cost one query on each side, not one per sequence
 * (thousands of small tables each have one): {@code pg_sequence_last_value} for all, a {@code UNION ALL} read of
 * the few nextval never moved (their {@code is_called} is false and their value may have been set), and one
 * {@code setval} over arrays. Both reads run on the snapshot's coordinator session, the {@code setval} on the
 * given target session, each through a handle borrowed from it. Stateless.
 */
public final class SequenceCopier {
    /** Never-called sequences read by one {@code UNION ALL} query. */
    static final int BATCH = 500;

    public void copy(Connection source, Connection target, List<TableRef> sequences) throws SQLException {
        if (sequences.isEmpty()) {
            return;
        }
        Positions positions = BorrowedHandles.query(source, h -> read(h, sequences));
        String set = "SELECT pg_catalog.setval(s.name::pg_catalog.regclass, s.value, s.called) FROM unnest("
                + "?::pg_catalog.text[], ?::pg_catalog.int8[], ?::pg_catalog.bool[]) AS s(name, value, called)";
        BorrowedHandles.run(target, h -> h.createQuery(set).bind(0, positions.names().toArray(new String[0]))
                .bind(1, positions.values().toArray(new Long[0])).bind(2, positions.called().toArray(new Boolean[0]))
                .mapTo(Long.class).list());
    }

    /** Where each sequence stands, in the order {@code setval} takes them. */
    private record Positions(List<String> names, List<Long> values, List<Boolean> called) {
    }

    private static Positions read(Handle source, List<TableRef> sequences) {
        Positions out = new Positions(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<TableRef> neverCalled = new ArrayList<>();
        // pg_sequence_last_value is NULL for a sequence nextval never moved; only those need reading one by one
        String calledSql = "SELECT s.i, pg_catalog.pg_sequence_last_value(s.name::pg_catalog.regclass)"
                + " FROM unnest(?::pg_catalog.text[]) WITH ORDINALITY AS s(name, i)";
        source.createQuery(calledSql).bind(0, sequences.stream().map(TableRef::sql).toArray(String[]::new))
                .map((rs, ctx) -> {
                    TableRef seq = sequences.get(rs.getInt(1) - 1);
                    long last = rs.getLong(2);
                    return rs.wasNull() ? new Read(seq, null) : new Read(seq, last);
                }).forEach(r -> {
                    if (r.last() == null) {
                        neverCalled.add(r.sequence());
                    } else {
                        out.names().add(r.sequence().sql());
                        out.values().add(r.last());
                        out.called().add(true);
                    }
                });
        for (int from = 0; from < neverCalled.size(); from += BATCH) {
            List<TableRef> batch = neverCalled.subList(from, Math.min(neverCalled.size(), from + BATCH));
            source.createQuery(readAll(batch)).map((rs, ctx) -> new Read(batch.get(rs.getInt(1)), rs.getLong(2),
                    rs.getBoolean(3))).forEach(r -> {
                        out.names().add(r.sequence().sql());
                        out.values().add(r.last());
                        out.called().add(r.called());
                    });
        }
        return out;
    }

    /** One row of either read; {@code last} is null for a sequence nextval never moved. */
    private record Read(TableRef sequence, Long last, boolean called) {
        Read(TableRef sequence, Long last) {
            this(sequence, last, true);
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
