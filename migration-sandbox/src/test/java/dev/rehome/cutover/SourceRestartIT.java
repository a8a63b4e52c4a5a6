package dev.rehome.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.StepResult;
import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.cutover.steps.Facts;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.sandbox.KubeSandbox;
import dev.rehome.testkit.fixtures.BasketballFixture;
import dev.rehome.testkit.net.CopyUnderFaults;
import dev.rehome.testkit.net.FaultyProxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogue case N-5 at the cutover, through the Kubernetes adapters: the source restarts while the rows stream (a
 * restarted pod ends every session). The copy fails with the server's reason, the run rolls back once the server is
 * back (the fence lifted over new sessions, the app up on its old database), and the rerun fences again, takes a
 * fresh write witness and moves it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@ExtendWith(SharedServers.Resolver.class)
class SourceRestartIT {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final long BULK_ROWS = 60_000; // about 18 MB of rows
    /** Past the schema dump's catalog queries, which also pass the proxy: the restart lands in the rows. */
    private static final long RELAYED_BEFORE_THE_RESTART = 6L << 20;

    @TempDir
    Path dir;

    @Test
    void aSourceRestartedMidCopyRollsBackAndTheRerunFencesAgainAndMovesIt(SharedServers servers) throws Exception {
        try (KubeSandbox sandbox = KubeSandbox.prepare(servers.source, servers.target, dir, CLOCK, n -> { });
             FaultyProxy network = FaultyProxy.to(servers.source.host(), servers.source.port())) {
            servers.source.execute("basketball", "CREATE TABLE public.bulk AS SELECT g AS id,"
                    + " repeat(md5(g::text), 8) AS payload FROM generate_series(1, " + BULK_ROWS + ") g;"
                    + " ALTER TABLE public.bulk ADD PRIMARY KEY (id)");
            var deployments = sandbox.client().apps().deployments().inNamespace("basketball-api");
            var envBefore = deployments.withName("basketball-api").get().getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getEnv();
            network.slow(Duration.ZERO, 4L << 20); // 4 MB/s: the rows take seconds, the restart lands among them
            AtomicBoolean restartedOnce = new AtomicBoolean();
            CopyEngine real = new JdbcDirectEngine(CLOCK);
            CopyEngine restartingTheSource = new CopyEngine() {
                @Override
                public String id() {
                    return real.id();
                }

                @Override
                public CopyResult copy(CopyRequest request, MigrationListener listener) {
                    if (!restartedOnce.compareAndSet(false, true)) {
                        return real.copy(request, listener);
                    }
                    Thread restarter = new Thread(() -> {
                        CopyUnderFaults.awaitRelayed(network, RELAYED_BEFORE_THE_RESTART);
                        servers.source.restart();
                    }, "restart-the-source");
                    restarter.start();
                    try {
                        return real.copy(new CopyRequest(request.source().withHostPort(network.host(), network.port()),
                                request.target(), request.options()), listener);
                    } finally {
                        join(restarter);
                    }
                }
            };

            CutoverOutcome first = runner(sandbox, restartingTheSource).migrate();

            assertThat(first.result().succeeded()).isFalse();
            assertThat(first.result().steps()).filteredOn(r -> r instanceof StepResult.Failed).first()
                    .satisfies(f -> {
                        assertThat(f.stepId()).isEqualTo("copy");
                        assertThat(((StepResult.Failed) f).cause()).as("the server's reason, among the rows")
                                .hasMessageContaining("public.bulk").hasMessageContaining("connection");
                    });
            var app = deployments.withName("basketball-api").get();
            assertThat(app.getSpec().getReplicas()).as("the app is back").isEqualTo(1);
            assertThat(app.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).isEqualTo(envBefore);
            try (Connection c = SandboxAppLogin.connect(servers.source, "basketball", SandboxAppLogin.password(sandbox))) {
                assertThat(count(c, "players")).as("the source, open to the app's login").isEqualTo(BasketballFixture.PLAYERS);
            }
            String fencedFirst = first.result().facts().getOrDefault(Facts.XID_FENCED, "0");

            network.pass();
            CutoverOutcome rerun = runner(sandbox, restartingTheSource).migrate();

            assertThat(rerun.result().succeeded()).as(rerun.result().steps() + " " + rerun.notices()).isTrue();
            assertThat(Long.parseLong(rerun.result().facts().get(Facts.XID_FENCED)))
                    .as("the rerun fenced again and took its own witness").isGreaterThan(Long.parseLong(fencedFirst));
            try (Connection c = servers.target.connect("basketball")) {
                assertThat(count(c, "bulk")).isEqualTo(BULK_ROWS);
            }
        }
    }

    private static CutoverRunner runner(KubeSandbox sandbox, CopyEngine engine) {
        var ports = sandbox.ports(new EngineCatalog(Map.of("jdbc-direct", () -> engine)), Verifiers.forLevel(Verifiers.FULL));
        RunOptions options = RunOptions.defaults("source-restart").withEngine("jdbc-direct")
                .withGitopsDir(sandbox.deploymentsRepo());
        return new CutoverRunner(sandbox.config(), ports, options, MigrationListener.NONE, CLOCK);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM public." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
