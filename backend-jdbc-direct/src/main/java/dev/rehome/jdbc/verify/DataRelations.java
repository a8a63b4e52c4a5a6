package dev.rehome.jdbc.verify;

import dev.rehome.core.TableRef;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Lists the relations whose rows the data checks compare. Partitioned parents are left out and every leaf is
 * read with {@code ONLY}: a partitioned parent holds no rows itself, and counting both the parent and its leaves
 * would count each row twice. Comparing leaves is also stricter: a row that landed in the wrong partition shows.
 * Classic inheritance parents are read with {@code ONLY} for the same reason.
 */
final class DataRelations {
    /** Schemas that belong to the system: {@code pg_*} (users cannot create those) and information_schema. */
    static final String USER_SCHEMA = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";

    private static final String SQL = "SELECT n.nspname, c.relname, c.relkind = 'm', c.relispopulated,"
            + " ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a"
            + "       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),"
            + " c.relpages::int8 + COALESCE((SELECT t.relpages FROM pg_catalog.pg_class t WHERE t.oid = c.reltoastrelid), 0),"
            + " ARRAY(SELECT a.atttypid::text FROM pg_catalog.pg_attribute a"
            + "       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'm') AND " + USER_SCHEMA
            + " ORDER BY n.nspname, c.relname";

    private static final Set<String> NATIVE = Set.of(RecordHashChecksum.NATIVE_TYPES.split(", *"));

    private DataRelations() {
    }

    /** Every data relation by table, sorted by schema and name. */
    static Map<TableRef, DataRelation> list(Handle session) {
        Map<TableRef, DataRelation> out = new LinkedHashMap<>();
        session.createQuery(SQL).map((rs, ctx) -> {
            TableRef table = new TableRef(rs.getString(1), rs.getString(2));
            String[] names = (String[]) rs.getArray(5).getArray();
            String[] types = (String[]) rs.getArray(7).getArray();
            Map<String, String> nativeTypes = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (NATIVE.contains(types[i])) {
                    nativeTypes.put(names[i], types[i]);
                }
            }
            return new DataRelation(table, rs.getBoolean(3), rs.getBoolean(4), Arrays.asList(names), rs.getLong(6),
                    nativeTypes);
        }).forEach(r -> out.put(r.table(), r));
        return out;
    }
}
