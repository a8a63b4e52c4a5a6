package dev.rehome.jdbc.verify;

import dev.rehome.core.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Named objects and their definitions on one side ({@code index public.players_name_idx} ->
 * {@code CREATE INDEX ...}), normalized so the same schema reads the same on every server, and compared by name.
 */
record Inventory(SortedMap<String, String> objects) {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** A quoted or plain identifier followed by a dot and the start of another identifier. */
    private static final Pattern QUALIFIER = Pattern.compile(
            "(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_\\u0080-\\uFFFF][A-Za-z0-9_$\\u0080-\\uFFFF]*)\\.(?=[\"A-Za-z_\\u0080-\\uFFFF])");

    Inventory {
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    /**
     * Whitespace runs become one space and the ends are trimmed: deparsed definitions ({@code pg_get_viewdef})
     * indent differently between versions and with the original source's layout; no token changes meaning.
     */
    static String normalize(String definition) {
        return definition == null ? "" : WHITESPACE.matcher(definition).replaceAll(" ").trim();
    }

    /**
     * A view's query without qualifiers: PostgreSQL 16 stopped prefixing column names with the table name where
     * one table is in scope ({@code players.status} became {@code status}), so the same view deparses differently
     * on 15 and 17. Dropping every {@code name.} prefix on both sides hides that; which tables a view reads is
     * compared separately (the {@code reads} entry), so a view switched to another schema's table still shows.
     */
    static String normalizeViewQuery(String definition) {
        return QUALIFIER.matcher(normalize(definition)).replaceAll("");
    }

    /** One finding per object that is missing on a side or defined differently, in object-name order. */
    static List<Finding> compare(String check, Inventory source, Inventory target) {
        TreeSet<String> names = new TreeSet<>(source.objects.keySet());
        names.addAll(target.objects.keySet());
        List<Finding> findings = new ArrayList<>();
        for (String name : names) {
            String s = source.objects.get(name);
            String t = target.objects.get(name);
            if (!Objects.equals(s, t)) {
                findings.add(new Finding(check, name, s, t));
            }
        }
        return findings;
    }

    private static boolean isViewQuery(String name) {
        return (name.startsWith("view ") || name.startsWith("materialized view ")) && !name.endsWith(" reads");
    }

    /** Builds an inventory from raw (name, definition) pairs, normalizing each definition. */
    static Inventory of(Map<String, String> raw) {
        SortedMap<String, String> normalized = new TreeMap<>();
        raw.forEach((name, definition) -> normalized.put(name, isViewQuery(name)
                ? normalizeViewQuery(definition) : normalize(definition)));
        return new Inventory(normalized);
    }
}
