package dev.rehome.jdbc.copy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Decides per column type whether binary COPY moves its values faithfully to another server. Binary is safe only
 * for built-in base types with send/receive functions, seen through domains and arrays: user-defined types have
 * different OIDs on the target, and composite and array wire formats embed type OIDs; extension types may change
 * format between versions; {@code reg*} types travel as OIDs that mean other objects on the target. Everything
 * else goes as text, which is always right, only slower.
 */
final class BinaryCopySafety {
    /** PostgreSQL's FirstNormalObjectId: OIDs below it are assigned by initdb and equal on every server. */
    private static final long FIRST_NORMAL_OID = 16384;
    private static final Set<String> OID_ALIASES = Set.of("regclass", "regtype", "regproc", "regprocedure", "regoper",
            "regoperator", "regconfig", "regdictionary", "regnamespace", "regrole", "regcollation");

    private record TypeInfo(long oid, char typtype, long baseType, long elementType, char category, boolean sendRecv,
                            String name) {
    }

    private final Map<Long, TypeInfo> types;

    private BinaryCopySafety(Map<Long, TypeInfo> types) {
        this.types = types;
    }

    static BinaryCopySafety load(Handle source) {
        Map<Long, TypeInfo> types = new HashMap<>();
        String sql = "SELECT oid::int8, typtype, typbasetype::int8, typelem::int8, typcategory,"
                + " typsend::oid <> 0 AND typreceive::oid <> 0, typname FROM pg_catalog.pg_type";
        source.createQuery(sql).map((rs, ctx) -> new TypeInfo(rs.getLong(1), rs.getString(2).charAt(0),
                rs.getLong(3), rs.getLong(4), rs.getString(5).charAt(0), rs.getBoolean(6), rs.getString(7)))
                .forEach(t -> types.put(t.oid(), t));
        return new BinaryCopySafety(types);
    }

    boolean isSafe(long typeOid) {
        return isSafe(typeOid, 0);
    }

    private boolean isSafe(long typeOid, int depth) {
        TypeInfo t = types.get(typeOid);
        if (t == null || depth > 16) {
            return false;
        }
        if (t.typtype() == 'd') {
            return isSafe(t.baseType(), depth + 1);
        }
        if (t.oid() >= FIRST_NORMAL_OID || t.typtype() != 'b' || !t.sendRecv() || OID_ALIASES.contains(t.name())) {
            return false;
        }
        return t.category() != 'A' || isSafe(t.elementType(), depth + 1);
    }
}
