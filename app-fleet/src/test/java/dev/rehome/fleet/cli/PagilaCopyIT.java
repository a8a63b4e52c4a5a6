package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.Pagila;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Pagila sample, PostgreSQL 15 -> 17, through {@code copy --verify full} with each engine; then a comparison
 * of our own (not the tool's verifier): every table's rows as text, sorted, equal on both sides. Skips, saying so,
 * when the dataset is not on this machine.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class PagilaCopyIT {
    private static PostgresServer source;
    private static PostgresServer target;

    @TempDir
    Path home;

    @BeforeAll
    static void load() {
        Optional<Pagila> pagila = Pagila.locate();
        assumeTrue(pagila.isPresent(), "Pagila dataset not found (looked for " + Pagila.RELATIVE + " above "
                + Pagila.searchedFrom() + "); skipping the Pagila copy");
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
        pagila.get().create(source, "pagila");
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump-restore", "jdbc-direct"})
    void copiesPagilaAndBothTheToolAndAnIndependentComparisonAgree(String engine) throws Exception {
        String db = "pagila_" + engine.replace('-', '_');
        InProcessCli.Result r = new InProcessCli(home, Map.of()).run("copy", "--engine", engine, "--verify", "full",
                "--source", "postgresql://postgres@127.0.0.1:" + source.port() + "/pagila",
                "--target", "postgresql://postgres@127.0.0.1:" + target.port() + "/" + db);

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("| public.film | 1000 | 1000 | yes |");
        List<String> tables = tables(source, "pagila");
        assertThat(tables).hasSizeGreaterThan(15);
        assertThat(tables(target, db)).isEqualTo(tables);
        for (String table : tables) {
            assertThat(rows(target, db, table)).as(table).isEqualTo(rows(source, "pagila", table));
        }
    }

    private static List<String> tables(PostgresServer server, String db) throws Exception {
        return query(server, db, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                + " ORDER BY 1");
    }

    private static List<String> rows(PostgresServer server, String db, String table) throws Exception {
        return query(server, db, "SELECT t::text FROM " + table + " t ORDER BY 1");
    }

    private static List<String> query(PostgresServer server, String db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(db); Statement s = c.createStatement()) {
            // timestamptz as text depends on the session time zone; pin it on both servers
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
