package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.BorrowedHandles;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Who owns each object: schemas (except {@code public}, which the database owner or bootstrap superuser owns
 * whatever the copy does), tables, partitions, views, materialized views, sequences, foreign tables, functions,
 * procedures, aggregates, enum/domain/composite/range types and large objects. Objects created by an extension
 * are left out: they belong to whoever ran {@code CREATE EXTENSION}.
 *
 * <p>With an expected owner, only the target is read and every object not owned by that role is a finding
 * (source value {@code expected ROLE}, target value the actual owner). Without one, owners are compared by
 * object between source and target.
 */
final class OwnershipVerifier implements Verifier {
    static final String CHECK = "ownership";

    static final String OWNERS = "SELECT o.object, pg_catalog.pg_get_userbyid(o.owner) FROM ("
            + " SELECT 'schema ' || n.nspname AS object, n.nspowner AS owner FROM pg_catalog.pg_namespace n"
            + "  WHERE " + DataRelations.USER_SCHEMA + " AND n.nspname <> 'public'"
            + "  AND " + InventoryQueries.notFromExtension("pg_namespace", "n.oid")
            + " UNION ALL SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view '"
            + "   WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table ' ELSE 'table ' END"
            + "   || n.nspname || '.' || c.relname, c.relowner FROM pg_catalog.pg_class c"
            + "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + DataRelations.USER_SCHEMA
            + "  AND " + InventoryQueries.notFromExtension("pg_class", "c.oid")
            + " UNION ALL SELECT CASE p.prokind WHEN 'a' THEN 'aggregate ' WHEN 'p' THEN 'procedure ' ELSE 'function ' END"
            + "   || n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',"
            + "   p.proowner FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + "  WHERE " + DataRelations.USER_SCHEMA + " AND " + InventoryQueries.notFromExtension("pg_proc", "p.oid")
            + " UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname, t.typowner FROM pg_catalog.pg_type t"
            + "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + "  WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND"
            + "   (SELECT r.relkind FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid) = 'c'))"
            + "  AND " + DataRelations.USER_SCHEMA + " AND " + InventoryQueries.notFromExtension("pg_type", "t.oid")
            + " UNION ALL SELECT 'large object ' || m.oid, m.lomowner FROM pg_catalog.pg_largeobject_metadata m"
            + ") o ORDER BY 1";

    private final PgConnector connector;
    private final String expectedOwner;

    /** {@code expectedOwner} null compares owners between the sides. */
    OwnershipVerifier(PgConnector connector, String expectedOwner) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.expectedOwner = expectedOwner;
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        if (expectedOwner == null) {
            try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
                Sides<Map<String, String>> owners = sessions.both("reading owners", OwnershipVerifier::owners);
                return VerificationReport.ofFindings(CHECK, Inventory.compare(CHECK,
                        Inventory.of(owners.source()), Inventory.of(owners.target())));
            }
        }
        Connection session = PairedSessions.openSnapshot(connector, target);
        try (Handle h = BorrowedHandles.borrow(session)) {
            List<Finding> findings = new ArrayList<>();
            owners(h).forEach((object, owner) -> {
                if (!owner.equals(expectedOwner)) {
                    findings.add(new Finding(CHECK, object, "expected " + expectedOwner, owner));
                }
            });
            return VerificationReport.ofFindings(CHECK, findings);
        } catch (JdbiException e) {
            throw new OperationFailedException("reading owners failed on " + target.describe() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } finally {
            PairedSessions.closeQuietly(session);
        }
    }

    private static Map<String, String> owners(Handle session) {
        return new TreeMap<>(SchemaInventoryVerifier.rows(session, List.of(OWNERS)));
    }
}
