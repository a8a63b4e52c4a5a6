package dev.rehome.cutover.fleet;

import dev.rehome.core.TableRef;
import dev.rehome.kubectl.discovery.SourceDatabase;
import java.util.List;

/**
 * Port: the tables of a source database, whose exact row counts become the plan's invariants. Implemented over
 * JDBC where the source is reachable ({@link JdbcTableCatalog}).
 */
@FunctionalInterface
public interface TableCatalog {
    List<TableRef> tables(SourceDatabase source);
}
