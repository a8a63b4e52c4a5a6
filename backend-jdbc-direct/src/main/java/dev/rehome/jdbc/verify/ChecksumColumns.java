package dev.rehome.jdbc.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The columns one table's checksum reads, in order, and of those the ones whose type both sides hash from its
 * stored form (by type OID, {@link RecordHashChecksum#NATIVE_TYPES}); a column of another type, or of different
 * types on the two sides, is hashed through its text on both.
 */
record ChecksumColumns(List<String> names, Map<String, String> nativeTypes) {
    ChecksumColumns {
        names = List.copyOf(names);
        nativeTypes = Map.copyOf(nativeTypes);
    }

    static ChecksumColumns of(List<String> names, DataRelation source, DataRelation target) {
        Map<String, String> types = new HashMap<>();
        for (String name : names) {
            String s = source == null ? null : source.nativeTypes().get(name);
            String t = target == null ? null : target.nativeTypes().get(name);
            String type = source == null ? t : target == null ? s : Objects.equals(s, t) ? s : null;
            if (type != null) {
                types.put(name, type);
            }
        }
        return new ChecksumColumns(names, types);
    }
}
