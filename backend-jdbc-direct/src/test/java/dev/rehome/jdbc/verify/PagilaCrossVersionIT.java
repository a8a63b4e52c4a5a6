package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Pagila sample (views over joins, functions, triggers, domains, a partitioned table, full-text columns)
 * loaded from the same SQL into PostgreSQL 15 and 17 passes every verifier: the normalization holds on a real
 * schema, not only on our fixture. Skipped, saying so, when the dataset or psql is not on this machine.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PagilaCrossVersionIT {
    private static final Path PAGILA = Path.of(System.getProperty("rehome.pagila.dir", "/work/shared/datasets/pagila"));

    @Test
    void pagilaOnFifteenAndSeventeenPassesEveryVerifier() throws Exception {
        assumeThat(Files.isRegularFile(PAGILA.resolve("pagila-data.sql")))
                .as("the Pagila dataset is not at " + PAGILA + "; skipping the Pagila cross-version check").isTrue();
        assumeThat(Files.isExecutable(Path.of("/usr/bin/psql"))).as("psql is needed to load Pagila").isTrue();
        try (PostgresServer pg15 = PostgresServers.start(15); PostgresServer pg17 = PostgresServers.start(17)) {
            load(pg15);
            load(pg17);

            VerificationReport report = Verifier.allOf(Verifiers.forLevel("full"), Verifiers.ownership(null))
                    .verify(pg15.endpoint("pagila"), pg17.endpoint("pagila"));

            assertThat(report.findings()).extracting(Finding::describe).isEmpty();
            assertThat(report.tables()).extracting(TableCheck::table)
                    .contains("public.rental", "public.payment_p2022_01").doesNotContain("public.payment");
            assertThat(report.tables()).filteredOn(t -> t.table().equals("public.rental")).singleElement()
                    .satisfies(t -> assertThat(t.sourceRows()).isGreaterThan(16_000));
        }
    }

    private static void load(PostgresServer server) throws Exception {
        server.createDatabase("pagila");
        for (String file : new String[] {"pagila-schema.sql", "pagila-data.sql"}) {
            Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host(), "-p",
                    String.valueOf(server.port()), "-U", "postgres", "-d", "pagila", "-f",
                    PAGILA.resolve(file).toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(file + " into " + server + ": " + output).isZero();
        }
    }
}
