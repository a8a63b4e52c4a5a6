package dev.rehome.jdbc;

import static dev.rehome.testkit.net.CopyUnderFaults.HANG;
import static dev.rehome.testkit.net.CopyUnderFaults.TWO_SECOND_STALL;
import static dev.rehome.testkit.net.CopyUnderFaults.assertNoSessionIsLeftOn;
import static dev.rehome.testkit.net.CopyUnderFaults.assertStalled;
import static dev.rehome.testkit.net.CopyUnderFaults.awaitRelayed;
import static dev.rehome.testkit.net.CopyUnderFaults.copyFails;
import static dev.rehome.testkit.net.CopyUnderFaults.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rehome.core.CopyLimits;
import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.CopyStalledException;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.ErrorCode;
import dev.rehome.core.MigrationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.VerificationReport;
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
 * The network faults of the catalogue (N-1, N-3, N-4, N-5, N-6) under the jdbc-direct engine: the copy runs through a
 * {@link FaultyProxy} in front of the source or the target, which black-holes, cuts or slows it mid-data. Every
 * fault ends in a failed copy (never a success, never a hang), and a rerun over a healed network copies everything.
 * The source's data is about 26 MB, so a fault after a few MB lands in the data phase.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NetworkFaultsIT {
    private static final String DB = "shop";
    private static final long DATA_BYTES_BEFORE_THE_FAULT = 6L << 20;

    private static PostgresServer source;
    private static PostgresServer target;

    private final JdbcDirectEngine engine = new JdbcDirectEngine(Clock.systemUTC());

    @BeforeAll
    static void startServers() {
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        source.createDatabase(DB);
        source.execute(DB, """
                CREATE TABLE items (id bigint PRIMARY KEY, payload text NOT NULL);
                INSERT INTO items SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 100000) g;
                CREATE TABLE notes (id bigint PRIMARY KEY, item bigint REFERENCES items, body text);
                INSERT INTO notes SELECT g, g, 'note ' || g FROM generate_series(1, 1000) g;
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
    void n3ASourceBlackHoledMidCopyFailsWithinTheStallLimitAndARerunOverTheHealedNetworkSucceeds() {
        try (FaultyProxy network = FaultyProxy.to(source.host(), source.port())) {
            DatabaseEndpoint to = target.createDatabase("black_source");
            network.blackHoleAfter(DATA_BYTES_BEFORE_THE_FAULT);

            long start = System.nanoTime();
            MigrationException failure = copyFails(engine, request(through(network, DB), to, TWO_SECOND_STALL));

            assertStalled(failure, start, through(network, DB), to);
            network.pass();
            assertNoSessionIsLeftOn(source, DB);
            assertRerunCopiesEverything(through(network, DB), "black_source");
        }
    }

    @Test
    void n3ATargetBlackHoledMidCopyFailsWithinTheStallLimitInsteadOfBlockingOnAWrite() {
        try (FaultyProxy network = FaultyProxy.to(target.host(), target.port())) {
            target.createDatabase("black_target");
            DatabaseEndpoint to = through(network, "black_target");
            network.blackHoleAfter(DATA_BYTES_BEFORE_THE_FAULT);

            long start = System.nanoTime();
            MigrationException failure = copyFails(engine, request(source.endpoint(DB), to, TWO_SECOND_STALL));

            assertStalled(failure, start, source.endpoint(DB), to);
            network.pass();
            assertNoSessionIsLeftOn(source, DB);
            assertRerunCopiesEverything(source.endpoint(DB), "black_target");
        }
    }

    @Test
    void n4ASlowNetworkWithLatencyAndABandwidthCapCompletesAndVerifiesWithoutTrippingTheStallLimit() {
        try (FaultyProxy network = FaultyProxy.to(source.host(), source.port())) {
            DatabaseEndpoint to = target.createDatabase("slow");
            network.slow(Duration.ofMillis(2), 12L << 20);

            CopyResult result = assertTimeoutPreemptively(HANG, () -> engine.copy(
                    request(through(network, DB), to, TWO_SECOND_STALL), MigrationListener.NONE));

            assertThat(result.totalRows()).isEqualTo(101_000);
            assertVerified("slow");
        }
    }

    @Test
    void n1AStreamCutMidCopyFailsTheCopyNeverReportingSuccessAndARerunSucceeds() {
        try (FaultyProxy network = FaultyProxy.to(source.host(), source.port())) {
            DatabaseEndpoint to = target.createDatabase("cut");
            network.cutAfter(DATA_BYTES_BEFORE_THE_FAULT);

            MigrationException failure = copyFails(engine, request(through(network, DB), to, CopyLimits.ofDefaults()));

            assertThat(failure).isNotInstanceOf(CopyStalledException.class);
            assertThat(failure.errorCode()).isEqualTo(ErrorCode.FAILED);
            assertNoSessionIsLeftOn(source, DB);
            assertRerunCopiesEverything(through(network, DB), "cut");
        }
    }

    @Test
    void n5ASourceRestartedMidCopyFailsTheCopyCleanlyAndARerunAfterTheRestartSucceeds() throws Exception {
        try (FaultyProxy network = FaultyProxy.to(source.host(), source.port())) {
            DatabaseEndpoint to = target.createDatabase("restart");
            network.slow(Duration.ZERO, 4L << 20); // so the restart lands while the rows still stream
            Thread restarter = new Thread(() -> {
                awaitRelayed(network, DATA_BYTES_BEFORE_THE_FAULT);
                source.restart();
            });
            restarter.start();

            MigrationException failure = copyFails(engine, request(through(network, DB), to, CopyLimits.ofDefaults()));
            restarter.join(TimeUnit.MINUTES.toMillis(1));

            assertThat(failure).isNotInstanceOf(CopyStalledException.class);
            assertThat(failure.errorCode()).isEqualTo(ErrorCode.FAILED);
            network.pass();
            assertNoSessionIsLeftOn(source, DB);
            assertRerunCopiesEverything(through(network, DB), "restart");
        }
    }

    /**
     * N-6 as near as one machine gets to a CNPG failover (no standby to promote): the target's primary restarts
     * mid-copy. The copy fails at once with the server's reason, another tenant's database on the target stays
     * intact and writable, and a rerun (which in a cluster reaches the new primary through {@code -rw}) copies all.
     */
    @Test
    void n6ATargetPrimaryRestartedMidCopyFailsTheCopyLeavesOtherTenantsWritableAndARerunSucceeds() throws Exception {
        target.createDatabase("other_tenant");
        target.execute("other_tenant", "CREATE TABLE ledger (v int); INSERT INTO ledger VALUES (1)");
        try (FaultyProxy network = FaultyProxy.to(target.host(), target.port())) {
            target.createDatabase("failover");
            DatabaseEndpoint to = through(network, "failover");
            network.slow(Duration.ZERO, 4L << 20); // so the restart lands while the rows still stream
            Thread restarter = new Thread(() -> {
                awaitRelayed(network, DATA_BYTES_BEFORE_THE_FAULT);
                target.restart();
            });
            restarter.start();

            MigrationException failure = copyFails(engine, request(source.endpoint(DB), to, CopyLimits.ofDefaults()));
            restarter.join(TimeUnit.MINUTES.toMillis(1));

            assertThat(failure).isNotInstanceOf(CopyStalledException.class);
            assertThat(failure.errorCode()).isEqualTo(ErrorCode.FAILED);
            network.pass();
            assertNoSessionIsLeftOn(source, DB);
            target.execute("other_tenant", "INSERT INTO ledger VALUES (2)");
            try (var c = target.connect("other_tenant"); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT string_agg(v::text, ',' ORDER BY v) FROM ledger")) {
                rs.next();
                assertThat(rs.getString(1)).as("the other tenant's rows, and its write after the restart").isEqualTo("1,2");
            }
            assertRerunCopiesEverything(source.endpoint(DB), "failover");
        }
    }

    private void assertRerunCopiesEverything(DatabaseEndpoint from, String database) {
        target.execute("postgres", "DROP DATABASE \"" + database + "\" WITH (FORCE)");
        DatabaseEndpoint to = target.createDatabase(database);
        CopyResult result = assertTimeoutPreemptively(HANG, () -> engine.copy(new CopyRequest(from, to,
                CopyOptions.ofDefaults().withJobs(2).withLimits(TWO_SECOND_STALL)), MigrationListener.NONE));
        assertThat(result.totalRows()).isEqualTo(101_000);
        assertVerified(database);
    }

    private static void assertVerified(String database) {
        VerificationReport report = Verifiers.forLevel("full").verify(source.endpoint(DB), target.endpoint(database));
        assertThat(report.findings()).isEmpty();
        assertThat(report.tables()).hasSize(2);
    }

    private static CopyRequest request(DatabaseEndpoint from, DatabaseEndpoint to, CopyLimits limits) {
        return new CopyRequest(from, to, CopyOptions.ofDefaults().withJobs(2).withLimits(limits));
    }
}
