package dev.rehome.cutover.steps;

import dev.rehome.core.cutover.Invariant;
import dev.rehome.core.DatabaseEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the configured invariants in one read-only transaction, so an operator's where clause can read but
 * never write, and all counts come from one snapshot.
 */
final class InvariantReader {
    private InvariantReader() {
    }

    static Map<String, Long> read(DatabaseEndpoint endpoint, List<Invariant> invariants) {
        // One snapshot for all of them, read-only; rolled back, since nothing is meant to change.
        return Sql.with(endpoint, h -> {
            h.begin();
            try {
                Sql.execute(h, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                Map<String, Long> out = new LinkedHashMap<>();
                for (Invariant inv : invariants) {
                    out.put(inv.name(), Sql.queryLong(h, inv.sql()));
                }
                return out;
            } finally {
                h.rollback();
            }
        });
    }
}
