package dev.rehome.kubectl.dump;

import static dev.rehome.testkit.net.CopyUnderFaults.HANG;
import static dev.rehome.testkit.net.CopyUnderFaults.TWO_SECOND_STALL;
import static dev.rehome.testkit.net.CopyUnderFaults.assertNoSessionIsLeftOn;
import static dev.rehome.testkit.net.CopyUnderFaults.assertStalled;
import static dev.rehome.testkit.net.CopyUnderFaults.copyFails;
import static dev.rehome.testkit.net.CopyUnderFaults.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rehome.core.CopyLimits;
import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyStalledException;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.ErrorCode;
import dev.rehome.core.MigrationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.net.FaultyProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The network faults of the catalogue under the dump-restore engine (pg_dump | pg_restore on this machine, one
 * job, so the dump streams through the engine): a {@link FaultyProxy} in front of the source or the target
 * black-holes or cuts the copy mid-data. The copy fails, never succeeds and never hangs, and a rerun over the
 * healed network copies everything. About 26 MB of rows, so a fault after a few MB lands in the data.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DumpRestoreNetworkFaultsIT {
    private static final String DB = "shop";
    private static final long BYTES_BEFORE_THE_FAULT = 6L << 20;

    private static PostgresServer source;
    private static PostgresServer target;

    private final LocalCommandRunner local = new LocalCommandRunner();
    private final DumpRestoreEngine engine = new DumpRestoreEngine(local, local, Clock.systemUTC());

    @BeforeAll
    static void startServers() {
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
        source.createDatabase(DB);
        source.execute(DB, """
                CREATE TABLE items (id bigint PRIMARY KEY, payload text NOT NULL);
                INSERT INTO items SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 100000) g;
                CREATE INDEX ON items (payload);
                """);
    }

    @AfterAll
    static void stopServers() {
        for (PostgresServer s : new PostgresServer[] {source, target}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void n3ASourceBlackHoledMidDumpFailsWithinTheStallLimitAndARerunOverTheHealedNetworkSucceeds() {
        try (FaultyProxy network = FaultyProxy.to(source.host(), source.port())) {
            DatabaseEndpoint to = target.createDatabase("black_source");
            network.blackHoleAfter(BYTES_BEFORE_THE_FAULT);

            long start = System.nanoTime();
            MigrationException failure = copyFails(engine, request(through(network, DB), to, TWO_SECOND_STALL));

            assertStalled(failure, start, through(network, DB), to);
            network.pass();
            assertNoSessionIsLeftOn(source, DB);
            assertRerunCopiesEverything(through(network, DB), "black_source");
        }
    }

    @Test
    void n3ATargetBlackHoledMidRestoreFailsWithinTheStallLimitAndARerunOverTheHealedNetworkSucceeds() {
        try (FaultyProxy network = FaultyProxy.to(target.host(), target.port())) {
            target.createDatabase("black_target");
            DatabaseEndpoint to = through(network, "black_target");
            network.blackHoleAfter(BYTES_BEFORE_THE_FAULT);

            long start = System.nanoTime();
            MigrationException failure = copyFails(engine, request(source.endpoint(DB), to, TWO_SECOND_STALL));

            assertStalled(failure, start, source.endpoint(DB), to);
            network.pass();
            assertNoSessionIsLeftOn(source, DB);
            assertRerunCopiesEverything(source.endpoint(DB), "black_target");
        }
    }

    @Test
    void n1ADumpCutMidStreamFailsTheCopyNeverReportingSuccess() {
        try (FaultyProxy network = FaultyProxy.to(source.host(), source.port())) {
            DatabaseEndpoint to = target.createDatabase("cut");
            network.cutAfter(BYTES_BEFORE_THE_FAULT);

            MigrationException failure = copyFails(engine, request(through(network, DB), to, CopyLimits.ofDefaults()));

            assertThat(failure).isNotInstanceOf(CopyStalledException.class);
            assertThat(failure.errorCode()).isEqualTo(ErrorCode.FAILED);
            assertThat(failure.getMessage()).contains("pg_dump");
            assertRerunCopiesEverything(through(network, DB), "cut");
        }
    }




    private void assertRerunCopiesEverything(DatabaseEndpoint from, String database) {
        target.execute("postgres", "DROP DATABASE \"" + database + "\" WITH (FORCE)");
        DatabaseEndpoint to = target.createDatabase(database);
        assertTimeoutPreemptively(HANG, () -> engine.copy(new CopyRequest(from, to,
                CopyOptions.ofDefaults().withJobs(1).withLimits(TWO_SECOND_STALL)), MigrationListener.NONE));
        VerificationReport report = Verifiers.forLevel("full").verify(source.endpoint(DB), target.endpoint(database));
        assertThat(report.findings()).isEmpty();
        assertThat(report.tables()).hasSize(1);
        assertThat(count(target, database, "SELECT count(*) FROM items")).isEqualTo(100_000);
    }

    private static long count(PostgresServer server, String sql) {
        return count(server, "postgres", sql);
    }

    private static long count(PostgresServer server, String database, String sql) {
        try (var c = server.connect(database); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CopyRequest request(DatabaseEndpoint from, DatabaseEndpoint to, CopyLimits limits) {
        return new CopyRequest(from, to, CopyOptions.ofDefaults().withJobs(1).withLimits(limits));
    }
}
