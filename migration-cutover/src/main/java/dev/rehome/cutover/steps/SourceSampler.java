package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import java.time.Clock;
import java.util.List;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the source for the downtime estimate: table and index sizes from the catalog, and a timed read of
 * about {@value #SAMPLE_BYTES} bytes of the biggest table's pages, every sampled row cast to text. The cast is
 * what dump, COPY and the checksums all pay per row (performance-facts), so its rate on this server, under
 * today's load, predicts them better than any fixed number. Reads only; a sample that fails or is refused (a
 * login without SELECT on that table) leaves the rate unknown rather than stopping the run.
 */
final class SourceSampler {
    static final long SAMPLE_BYTES = 16L * 1024 * 1024;
    private static final long MIN_SAMPLE_BYTES = 1024L * 1024;
    private static final String USER_TABLES = " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'm') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    private static final Logger LOG = LoggerFactory.getLogger(SourceSampler.class);

    private final Clock clock;

    SourceSampler(Clock clock) {
        this.clock = clock;
    }

    SourceSample sample(DatabaseEndpoint source) {
        return Sql.with(source, h -> {
            List<String> totals = Sql.queryRow(h, "SELECT count(*), coalesce(sum(pg_catalog.pg_table_size(c.oid)), 0),"
                    + " coalesce(sum(pg_catalog.pg_indexes_size(c.oid)), 0)" + USER_TABLES);
            List<String> biggest = Sql.queryRow(h, "SELECT n.nspname, c.relname, pg_catalog.pg_table_size(c.oid)"
                    + USER_TABLES + " ORDER BY 3 DESC LIMIT 1");
            OptionalDouble rate = biggest.isEmpty() ? OptionalDouble.empty()
                    : rate(h, biggest.get(0), biggest.get(1), Long.parseLong(biggest.get(2)));
            return new SourceSample(Long.parseLong(totals.get(0)), Long.parseLong(totals.get(1)),
                    Long.parseLong(totals.get(2)), rate);
        });
    }

    private OptionalDouble rate(org.jdbi.v3.core.Handle h, String schema, String table, long size) {
        if (size < MIN_SAMPLE_BYTES) {
            return OptionalDouble.empty();
        }
        double percent = Math.min(100.0, 100.0 * SAMPLE_BYTES / size);
        long started = clock.millis();
        try {
            h.execute("SET statement_timeout = '20s'");
            Sql.queryRow(h, "SELECT count(*), sum(length(x::text)) FROM " + Identifiers.quote(schema) + "."
                    + Identifiers.quote(table) + " AS x TABLESAMPLE SYSTEM (CAST(? AS real)) REPEATABLE (7)", percent);
        } catch (RuntimeException e) {
            LOG.debug("no rate sampled from {}.{}: {}", schema, table, e.getMessage());
            return OptionalDouble.empty();
        }
        long millis = clock.millis() - started;
        double sampled = size * percent / 100.0;
        // A clock that did not move (a test's fixed clock) measured nothing.
        return millis <= 0 ? OptionalDouble.empty() : OptionalDouble.of(sampled * 1000.0 / millis);
    }
}
