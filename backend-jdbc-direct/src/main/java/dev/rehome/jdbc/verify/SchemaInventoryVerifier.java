package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the schema objects of both sides by name and definition (see {@link InventoryQueries}): tables,
 * columns, indexes, constraints, triggers, functions, views, materialized views, sequences, enum labels,
 * domains, composite and range types, policies, schemas and extensions. Extension versions that differ are
 * logged, not reported: a newer server often ships only a newer version of an extension.
 */
final class SchemaInventoryVerifier implements Verifier {
    static final String CHECK = "schema";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaInventoryVerifier.class);

    private final PgConnector connector;

    SchemaInventoryVerifier(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
            Sides<Inventory> inventories = sessions.both("reading the schema inventory",
                    s -> Inventory.of(rows(s, InventoryQueries.ALL)));
            Sides<Map<String, String>> versions = sessions.both("reading extension versions",
                    s -> rows(s, List.of(InventoryQueries.EXTENSION_VERSIONS)));
            logVersionDifferences(versions);
            return VerificationReport.ofFindings(CHECK,
                    Inventory.compare(CHECK, inventories.source(), inventories.target()));
        }
    }

    static Map<String, String> rows(Handle session, List<String> queries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String sql : queries) {
            session.createQuery(sql).map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2)))
                    .forEach(r -> out.put(r.key(), r.value()));
        }
        return out;
    }

    /** One inventory line: an object's identity and what is compared of it (which may be null). */
    private record Row(String key, String value) {
    }

    private static void logVersionDifferences(Sides<Map<String, String>> versions) {
        new TreeMap<>(versions.source()).forEach((extension, version) -> {
            String other = versions.target().get(extension);
            if (other != null && !other.equals(version)) {
                LOG.info("extension {} is version {} in the source and {} in the target (not a failure)", extension,
                        version, other);
            }
        });
    }
}
