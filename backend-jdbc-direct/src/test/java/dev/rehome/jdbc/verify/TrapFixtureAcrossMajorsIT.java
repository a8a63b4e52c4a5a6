package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.TrapFixture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The testkit's TRAP database on PostgreSQL 15, dumped with the machine's pg_dump and restored into the newest
 * supported major (18, which lists NOT NULL constraints in pg_constraint and deparses views without
 * qualifiers), passes every verifier: no false alarm from a version change.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TrapFixtureAcrossMajorsIT {

    @Test
    void trapDatabaseRestoredFromFifteenIntoEighteenPassesEveryVerifier() throws Exception {
        assumeThat(VerifierFixture.onPath("pg_dump")).as("pg_dump (PostgreSQL 15 client) is needed").isTrue();
        try (PostgresServer pg15 = PostgresServers.start(15); PostgresServer pg18 = PostgresServers.start(18)) {
            TrapFixture.create(pg15, "trap");
            pg18.createDatabase("trap");
            // Grants to the source-only role cannot be replayed; privileges are not what this test compares.
            Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; pg_dump -Fc -h 127.0.0.1 -p "
                    + pg15.port() + " -U postgres -d trap | pg_restore --no-privileges --exit-on-error -h 127.0.0.1 -p "
                    + pg18.port() + " -U postgres -d trap").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();

            VerificationReport report = Verifier.allOf(Verifiers.forLevel("full"), Verifiers.ownership(null))
                    .verify(pg15.endpoint("trap"), pg18.endpoint("trap"));

            assertThat(report.findings()).extracting(Finding::describe).isEmpty();
            assertThat(report.tables()).hasSizeGreaterThan(10).allMatch(TableCheck::match)
                    .allSatisfy(t -> assertThat(t.sourceChecksum()).isNotNull());
        }
    }
}
