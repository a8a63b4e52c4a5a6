package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.Pagila;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Pagila sample (views over joins, functions, triggers, domains, a partitioned table, full-text columns)
 * loaded from the same SQL into PostgreSQL 15 and 17 passes every verifier: the normalization holds on a real
 * schema, not only on our fixture. Skipped, saying so, when the dataset is not on this machine.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PagilaCrossVersionIT {

    @Test
    void pagilaOnFifteenAndSeventeenPassesEveryVerifier() {
        Optional<Pagila> pagila = Pagila.locate();
        assumeThat(pagila).as("the Pagila dataset is not on this machine (looked for " + Pagila.searchedFrom()
                + "); skipping the Pagila cross-version check").isPresent();
        try (PostgresServer pg15 = PostgresServers.start(15); PostgresServer pg17 = PostgresServers.start(17)) {
            DatabaseEndpoint source = pagila.get().create(pg15, "pagila");
            DatabaseEndpoint target = pagila.get().create(pg17, "pagila");

            VerificationReport report = Verifier.allOf(Verifiers.forLevel("full"), Verifiers.ownership(null))
                    .verify(source, target);

            assertThat(report.findings()).extracting(Finding::describe).isEmpty();
            assertThat(report.tables()).extracting(TableCheck::table)
                    .contains("public.rental", "public.payment_p2022_01").doesNotContain("public.payment");
            assertThat(report.tables()).filteredOn(t -> t.table().equals("public.rental")).singleElement()
                    .satisfies(t -> assertThat(t.sourceRows()).isGreaterThan(16_000));
        }
    }
}
