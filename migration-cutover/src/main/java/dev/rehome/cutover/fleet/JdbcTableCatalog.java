package dev.rehome.cutover.fleet;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.TableRef;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.kubectl.discovery.SourceDatabase;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Lists the ordinary and partitioned tables of a source database (partitions are counted through their parent,
 * so each row is counted once), outside the system schemas, sorted. Thread-safe.
 */
public final class JdbcTableCatalog implements TableCatalog {
    private static final String SQL = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
            + "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass "
            + "AND d.objid = c.oid AND d.deptype = 'e') ORDER BY 1, 2";

    private final Function<SourceDatabase, DatabaseEndpoint> endpoints;
    private final PgConnector connector = new PgConnector("rehome-fleet-plan");

    /** {@code endpoints}: how this machine reaches a source (directly, or through a port-forward). */
    public JdbcTableCatalog(Function<SourceDatabase, DatabaseEndpoint> endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public List<TableRef> tables(SourceDatabase source) {
        DatabaseEndpoint e = endpoints.apply(source);
        try {
            return Jdbi.create(() -> connector.open(e)).withHandle(h -> h.createQuery(SQL)
                    .map((rs, ctx) -> new TableRef(rs.getString(1), rs.getString(2))).list());
        } catch (JdbiException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            throw new OperationFailedException("cannot list the tables of " + e.describe() + ": " + cause.getMessage(), ex);
        }
    }
}
