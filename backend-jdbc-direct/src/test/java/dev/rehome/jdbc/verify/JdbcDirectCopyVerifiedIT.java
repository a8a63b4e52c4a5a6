package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Secret;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.TrapFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The verifiers judge the jdbc-direct engine's real output: the TRAP database copied from PostgreSQL 15 into 17
 * with {@code --owner} passes every check, ownership by the new role included, and then a single damaged row
 * in the copy is named.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JdbcDirectCopyVerifiedIT {

    @Test
    void trapCopiedByJdbcDirectFromFifteenToSeventeenPassesFullVerificationAndOwnership() {
        try (PostgresServer pg15 = PostgresServers.start(15); PostgresServer pg17 = PostgresServers.start(17)) {
            DatabaseEndpoint source = TrapFixture.create(pg15, "trap");
            DatabaseEndpoint target = pg17.createDatabase("trap");
            pg17.createLoginRole("app", Secret.of("app-pw"), "trap");
            pg17.execute("postgres", "ALTER DATABASE trap OWNER TO app"); // as a provisioned CNPG database is
            new JdbcDirectEngine(java.time.Clock.systemUTC()).copy(new CopyRequest(source, target,
                    CopyOptions.ofDefaults().withJobs(2).withOwner("app")), MigrationListener.NONE);

            VerificationReport report = Verifier.allOf(Verifiers.forLevel("full"), Verifiers.ownership("app"))
                    .verify(source, target);

            assertThat(report.findings()).extracting(Finding::describe).isEmpty();
            assertThat(report.tables()).hasSizeGreaterThan(20).allMatch(TableCheck::match);

            pg17.execute("trap", "UPDATE \"Mixed Case\".\"Order Items\" SET quantity = quantity + 1"
                    + " WHERE ctid = (SELECT min(ctid) FROM \"Mixed Case\".\"Order Items\")");
            VerificationReport damaged = Verifiers.forLevel("full").verify(source, target);
            assertThat(damaged.findings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("checksum");
                assertThat(f.object()).isEqualTo("Mixed Case.Order Items");
            });
        }
    }
}
