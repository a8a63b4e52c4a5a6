package dev.rehome.jdbc.copy;

import dev.rehome.core.TableRef;
import dev.rehome.jdbc.BorrowedHandles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What the source holds that the engine moves besides DDL: tables with rows (partition leaves, never partitioned
 * parents, which hold no rows of their own), sequences, materialized views in refresh order, and whether there
 * are large objects. Objects that belong to extensions are left out: {@code CREATE EXTENSION} makes them.
 * Read on the snapshot's coordinator session, through a handle borrowed from it (so in its snapshot); only
 * catalog rows are collected here, never table data.
 */
public record SourceCatalog(int serverMajor, List<TableSpec> tables, List<TableRef> sequences,
                            List<MaterializedView> materializedViews, long largeObjects) {
    /** A materialized view and whether it held data on the source ({@code WITH NO DATA} ones stay empty). */
    public record MaterializedView(TableRef view, boolean populated) {
    }

    static final String USER_RELATION = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)' AND c.relpersistence <> 't'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
            + " AND d.objid = c.oid AND d.deptype = 'e')";

    public SourceCatalog {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        materializedViews = List.copyOf(materializedViews);
    }

    public static SourceCatalog read(Connection source) throws SQLException {
        int major = source.getMetaData().getDatabaseMajorVersion();
        return BorrowedHandles.query(source, h -> new SourceCatalog(major, tables(h), relations(h, "S"),
                materializedViews(h), h.createQuery("SELECT count(*) FROM pg_catalog.pg_largeobject_metadata")
                        .mapTo(Long.class).one()));
    }

    private static List<TableSpec> tables(Handle source) {
        String sql = "SELECT c.oid::int8, n.nspname, c.relname, pg_catalog.pg_table_size(c.oid),"
                + " pg_catalog.pg_relation_size(c.oid) / pg_catalog.current_setting('block_size')::int8"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND " + USER_RELATION
                + " ORDER BY 4 DESC, n.nspname, c.relname";
        Map<Long, TableRef> refs = new LinkedHashMap<>();
        Map<Long, Long> sizes = new HashMap<>();
        Map<Long, Long> pages = new HashMap<>();
        source.createQuery(sql).map((rs, ctx) -> new Table(rs.getLong(1), new TableRef(rs.getString(2),
                rs.getString(3)), rs.getLong(4), rs.getLong(5))).forEach(t -> {
                    refs.put(t.oid(), t.ref());
                    sizes.put(t.oid(), t.size());
                    pages.put(t.oid(), t.pages());
                });
        Map<Long, List<String>> columns = new HashMap<>();
        Map<Long, Boolean> binary = new HashMap<>();
        BinaryCopySafety safety = BinaryCopySafety.load(source);
        // attgenerated <> '' marks generated columns: COPY must not name them, the target computes them.
        String cols = "SELECT a.attrelid::int8, a.attname, a.atttypid::int8 FROM pg_catalog.pg_attribute a"
                + " WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
                + " ORDER BY a.attrelid, a.attnum";
        source.createQuery(cols).bind(0, refs.keySet().toArray(new Long[0]))
                .map((rs, ctx) -> new Column(rs.getLong(1), rs.getString(2), rs.getLong(3))).forEach(col -> {
                    columns.computeIfAbsent(col.rel(), k -> new ArrayList<>()).add(col.name());
                    binary.merge(col.rel(), safety.isSafe(col.type()), Boolean::logicalAnd);
                });
        List<TableSpec> out = new ArrayList<>();
        refs.forEach((oid, ref) -> out.add(new TableSpec(ref, columns.getOrDefault(oid, List.of()),
                binary.getOrDefault(oid, false), sizes.get(oid), pages.get(oid))));
        return out;
    }

    private static List<TableRef> relations(Handle source, String relkind) {
        String sql = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = ? AND " + USER_RELATION + " ORDER BY n.nspname, c.relname";
        return source.createQuery(sql).bind(0, relkind)
                .map((rs, ctx) -> new TableRef(rs.getString(1), rs.getString(2))).list();
    }

    private static List<MaterializedView> materializedViews(Handle source) {
        String views = "SELECT c.oid::int8, n.nspname, c.relname, c.relispopulated FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'm' AND " + USER_RELATION + " ORDER BY n.nspname, c.relname";
        Map<Long, MaterializedView> byOid = new LinkedHashMap<>();
        source.createQuery(views).map((rs, ctx) -> Map.entry(rs.getLong(1),
                new MaterializedView(new TableRef(rs.getString(2), rs.getString(3)), rs.getBoolean(4))))
                .forEach(v -> byOid.put(v.getKey(), v.getValue()));
        // A view's rewrite rule depends on every relation it reads; follow plain views down to the matviews
        // they read, which must be refreshed first.
        String deps = "WITH RECURSIVE reads(mv, rel) AS ("
                + " SELECT r.ev_class, d.refobjid FROM pg_catalog.pg_rewrite r"
                + " JOIN pg_catalog.pg_class m ON m.oid = r.ev_class AND m.relkind = 'm'"
                + " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid"
                + " AND d.refclassid = 'pg_catalog.pg_class'::regclass WHERE d.refobjid <> r.ev_class"
                + " UNION SELECT reads.mv, d.refobjid FROM reads"
                + " JOIN pg_catalog.pg_class v ON v.oid = reads.rel AND v.relkind = 'v'"
                + " JOIN pg_catalog.pg_rewrite r ON r.ev_class = v.oid"
                + " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid"
                + " AND d.refclassid = 'pg_catalog.pg_class'::regclass WHERE d.refobjid <> v.oid)"
                + " SELECT DISTINCT reads.mv::int8, reads.rel::int8 FROM reads"
                + " JOIN pg_catalog.pg_class c ON c.oid = reads.rel AND c.relkind = 'm' WHERE reads.rel <> reads.mv";
        Map<Long, List<Long>> needs = new HashMap<>();
        source.createQuery(deps).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(d -> needs.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d.getValue()));
        return DependencyOrder.sort(byOid, needs);
    }

    /** A row of the table list, keyed by oid until the columns are joined to it. */
    private record Table(long oid, TableRef ref, long size, long pages) {
    }

    /** A column COPY names, and its type for {@link BinaryCopySafety}. */
    private record Column(long rel, String name, long type) {
    }
}
