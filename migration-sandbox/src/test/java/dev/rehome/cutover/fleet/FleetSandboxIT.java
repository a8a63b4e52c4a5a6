package dev.rehome.cutover.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.sandbox.fleet.FleetSandbox;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class FleetSandboxIT {
    private static final NamespacedName INTO = NamespacedName.parse("postgres/pal-e-postgres");
    private final Clock clock = Clock.systemUTC();

    @TempDir
    Path work;

    private FleetMoves moves(FleetSandbox sandbox, UnaryOperator<Step> decorate) {
        return new FleetMoves(sandbox, FleetOptions.defaults(), MoveSettings.defaults("fleet-it"), c -> MigrationListener.NONE,
                clock, decorate);
    }

    @Test
    void dryRunChangesNothingThenTheFleetRunMovesAllThreeAndVerifiesEach() throws Exception {
        try (FleetSandbox sandbox = FleetSandbox.start(work, clock)) {
            FleetMoves moves = moves(sandbox, UnaryOperator.identity());
            List<NamespacedName> uncovered = moves.uncovered(INTO);
            assertThat(uncovered).extracting(NamespacedName::toString)
                    .containsExactly("basketball-api/postgres", "mcd-tracker/postgres", "pal-e-mail/postgres");

            FleetCutover mcd = moves.derive(NamespacedName.parse("mcd-tracker/postgres"), INTO);
            String clusterBefore = sandbox.cluster().snapshot();
            List<String> targetBefore = databases(sandbox.target());
            var preview = moves.move(mcd).preview();
            assertThat(preview.preflight().refusals()).isEmpty();
            assertThat(sandbox.cluster().snapshot()).isEqualTo(clusterBefore);
            assertThat(databases(sandbox.target())).isEqualTo(targetBefore);

            FleetReport report = new FleetRun(clock).run(moves.tasks(uncovered, INTO), 1);

            assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.database() + ": " + o.reason())
                    .isEqualTo(MoveStatus.MOVED));
            assertThat(report.exitCode()).isZero();
            assertThat(report.outcomes()).allSatisfy(o -> {
                var r = o.report().orElseThrow();
                assertThat(r.tables()).isNotEmpty().allSatisfy(t -> assertThat(t.match()).isTrue());
                assertThat(r.invariants()).isNotEmpty().allSatisfy(i -> assertThat(i.match()).isTrue());
            });
            assertThat(count(sandbox.target(), "mcd_tracker", "SELECT count(*) FROM public.visits")).isEqualTo(300);
            assertThat(count(sandbox.target(), "palemail", "SELECT count(*) FROM mail.\"Message Labels\"")).isEqualTo(400);
            assertThat(count(sandbox.target(), "basketball", "SELECT count(*) FROM public.players")).isEqualTo(76);
            InMemoryCluster c = sandbox.cluster();
            WorkloadRef mcdApp = new WorkloadRef("mcd-tracker", "mcd-tracker");
            assertThat(c.env(mcdApp, "mcd-tracker", "DATABASE_HOST").orElseThrow().key()).isEqualTo("host");
            assertThat(c.env(mcdApp, "mcd-tracker", "DATABASE_USER").orElseThrow().key()).isEqualTo("username");
            assertThat(c.read("mcd-tracker", "mcd-tracker-db-pal-e-postgres").orElseThrow().get("host").reveal())
                    .isEqualTo("pal-e-postgres-rw.postgres.svc.cluster.local");
            assertThat(FleetReportMarkdown.render(report)).contains("| mcd-tracker/postgres | postgres/pal-e-postgres/mcd_tracker "
                    + "| moved and verified |");
        }
    }

    @Test
    void aCleanRollbackAndARefusalAreReportedWhileTheOthersStillMove() throws Exception {
        try (FleetSandbox sandbox = FleetSandbox.start(work, clock)) {
            sandbox.target().execute("postgres", "CREATE DATABASE palemail");
            UnaryOperator<Step> failVerify = s -> s.id().equals("verify") ? new Failing(s) : s;
            FleetMoves failing = moves(sandbox, failVerify);
            FleetMoves normal = moves(sandbox, UnaryOperator.identity());
            List<FleetRun.Task> tasks = new ArrayList<>();
            tasks.addAll(failing.tasks(List.of(NamespacedName.parse("mcd-tracker/postgres")), INTO));
            tasks.addAll(normal.tasks(List.of(NamespacedName.parse("pal-e-mail/postgres"),
                    NamespacedName.parse("basketball-api/postgres")), INTO));

            FleetReport report = new FleetRun(clock).run(tasks, 1);

            assertThat(report.outcomes()).extracting(MoveOutcome::status)
                    .containsExactly(MoveStatus.ROLLED_BACK, MoveStatus.REFUSED, MoveStatus.MOVED);
            assertThat(report.outcomes().get(0).reason()).contains("verify").contains("back on its old database");
            assertThat(report.outcomes().get(1).reason()).contains("'palemail'").contains("not created by rehome");
            assertThat(report.exitCode()).isEqualTo(5);
            assertThat(report.stoppedBy()).isEmpty();
            WorkloadRef mcdApp = new WorkloadRef("mcd-tracker", "mcd-tracker");
            assertThat(sandbox.cluster().env(mcdApp, "mcd-tracker", "DATABASE_HOST").orElseThrow().literal())
                    .isEqualTo("postgres");
            assertThat(sandbox.cluster().replicas(mcdApp)).isEqualTo(1);
            assertThat(databases(sandbox.target())).doesNotContain("mcd_tracker");
            assertThat(count(sandbox.source("mcd-tracker"), "mcd_tracker", "SELECT count(*) FROM public.visits")).isEqualTo(300);
            assertThat(count(sandbox.target(), "palemail", "SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 'messages'")).isZero();
        }
    }

    /** Throws after the wrapped step ran: a verification that fails for a reason of its own. */
    private record Failing(Step step) implements Step {
        @Override
        public String id() {
            return step.id();
        }

        @Override
        public String title() {
            return step.title();
        }

        @Override
        public void run(StepContext context) throws Exception {
            step.run(context);
            throw new OperationFailedException("injected: the verification could not finish");
        }
    }

    private static List<String> databases(PostgresServer server) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(PostgresServer server, String db, String sql) throws Exception {
        try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
