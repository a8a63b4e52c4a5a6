package dev.rehome.cutover.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.WorkloadRef.Kind;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.sandbox.InMemoryCluster.EnvDef;
import dev.rehome.sandbox.InMemoryCluster;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer steps over the in-memory cluster: a StatefulSet with a literal URL and a CronJob with PGHOST and
 * companions beside mcd-tracker's host-style app. A rerun after a kill keeps the first before-images, and undo
 * puts back exactly what was there.
 */
class ConsumerStepsTest {
    private static final String NS = "mcd-tracker";
    private static final String SECRET = "mcd-tracker-db-pal-e-postgres";
    private static final WorkloadRef APP = new WorkloadRef(NS, "mcd-tracker");
    private static final WorkloadRef WORKER = new WorkloadRef(Kind.STATEFUL_SET, NS, "mcd-worker");
    private static final WorkloadRef REPORT = new WorkloadRef(Kind.CRON_JOB, NS, "mcd-report");
    private static final String OLD_URL = "postgresql://mcd:old-pw@postgres:5432/mcd_tracker";
    private final Clock clock = Clock.systemUTC();
    private final InMemoryCluster cluster = new InMemoryCluster(clock);
    private final AppReference app = new AppReference("Deployment", "mcd-tracker", "mcd-tracker", "DATABASE_HOST",
            AppReference.Style.HOST, "literal", Map.of());
    private final List<Consumer> consumers = Consumer.of(NS, app, List.of(
            new AppReference("StatefulSet", "mcd-worker", "worker", "DATABASE_URL", AppReference.Style.URL, "literal", Map.of()),
            new AppReference("CronJob", "mcd-report", "report", "PGHOST", AppReference.Style.HOST, "literal",
                    Map.of("user", "PGUSER", "password", "PGPASSWORD", "dbname", "PGDATABASE")),
            new AppReference("Deployment", "pg-exporter", "exporter", "DATA_SOURCE_NAME", AppReference.Style.URL,
                    "envFrom Secret exporter-env key DATA_SOURCE_NAME", Map.of(), AppReference.Channel.ENV_FROM)));
    private Cutover cutover;

    @BeforeEach
    void seed() {
        cluster.addDeployment(APP, 1, false);
        cluster.setEnv(APP, "mcd-tracker", "DATABASE_HOST", new EnvDef("postgres", null, null));
        cluster.addDeployment(WORKER, 2, false);
        cluster.setEnv(WORKER, "worker", "DATABASE_URL", new EnvDef(OLD_URL, null, null));
        cluster.addDeployment(REPORT, 1, false);
        cluster.setEnv(REPORT, "report", "PGHOST", new EnvDef("postgres.mcd-tracker.svc", null, null));
        cluster.setEnv(REPORT, "report", "PGDATABASE", new EnvDef("mcd_tracker", null, null));
        cluster.setEnv(REPORT, "report", "PGUSER", new EnvDef(null, "postgres-credentials", "POSTGRES_USER"));
        cluster.setEnv(REPORT, "report", "PGPASSWORD", new EnvDef(null, "postgres-credentials", "POSTGRES_PASSWORD"));
        cutover = new Cutover(McdTrackerFixture.config(), McdTrackerFixture.ports(cluster, clock), RunOptions.defaults("test"));
    }

    @Test
    void onlyEnvReferencesBecomeConsumers() {
        assertThat(consumers).extracting(Consumer::ref).containsExactly(WORKER, REPORT);
    }

    @Test
    void aQuiesceKilledAfterTheOthersStoppedKeepsTheirCountsOnRerunAndUndoRestoresThem() throws Exception {
        ConsumerQuiesce step = new ConsumerQuiesce(new Killed("quiesce", 1), cutover, consumers);
        StepContext ctx = StepContext.detached(clock);

        assertThatThrownBy(() -> step.run(ctx)).hasMessageContaining("killed");
        assertThat(cluster.replicas(WORKER)).isZero();
        assertThat(cluster.replicas(REPORT)).isZero();
        step.run(ctx);
        assertThat(ctx.facts()).containsEntry("fleet.consumer.StatefulSet.mcd-worker.replicas.before", "2")
                .containsEntry("fleet.consumer.CronJob.mcd-report.replicas.before", "1");

        step.undo(ctx);

        assertThat(cluster.replicas(WORKER)).isEqualTo(2);
        assertThat(cluster.replicas(REPORT)).isEqualTo(1);
    }

    @Test
    void theRepointPointsEveryVarAtItsKeyRerunsIdempotentlyAndUndoRestoresExactly() throws Exception {
        Map<String, EnvDef> before = env();
        ConsumerEnv targets = new ConsumerEnv(cutover, app, consumers);
        ConsumerRepoint step = new ConsumerRepoint(new CompanionRepoint(McdTrackerFixture.repoint(cluster), cutover, app), cutover, targets);
        StepContext ctx = StepContext.detached(clock);

        step.run(ctx);
        step.run(ctx);

        assertThat(cluster.env(WORKER, "worker", "DATABASE_URL").orElseThrow()).isEqualTo(new EnvDef(null, SECRET, "uri"));
        assertThat(cluster.env(REPORT, "report", "PGHOST").orElseThrow()).isEqualTo(new EnvDef(null, SECRET, "host"));
        assertThat(cluster.env(REPORT, "report", "PGUSER").orElseThrow()).isEqualTo(new EnvDef(null, SECRET, "username"));
        assertThat(cluster.env(REPORT, "report", "PGPASSWORD").orElseThrow()).isEqualTo(new EnvDef(null, SECRET, "password"));
        assertThat(cluster.env(REPORT, "report", "PGDATABASE").orElseThrow()).isEqualTo(new EnvDef(null, SECRET, "dbname"));
        assertThat(ctx.facts().toString()).doesNotContain("old-pw");

        step.undo(ctx);

        assertThat(env()).isEqualTo(before);
        assertThat(cluster.read(NS, SECRET)).isEmpty();
    }

    @Test
    void retireForgetsTheBackupOfALiteralUrl() throws Exception {
        StepContext ctx = StepContext.detached(clock);
        ConsumerEnv targets = new ConsumerEnv(cutover, app, consumers);
        new ConsumerRepoint(new CompanionRepoint(McdTrackerFixture.repoint(cluster), cutover, app), cutover, targets).run(ctx);
        String backup = "rehome-backup-statefulset-mcd-worker-database-url";
        assertThat(ctx.facts().get("fleet.consumer.StatefulSet.mcd-worker.env.before.worker.DATABASE_URL"))
                .contains(backup).doesNotContain("old-pw");
        assertThat(cluster.read(NS, backup).orElseThrow().get("value").reveal()).isEqualTo(OLD_URL);

        targets.forgetBeforeImages(ctx.facts());

        assertThat(cluster.read(NS, backup)).isEmpty();
    }

    private Map<String, EnvDef> env() {
        return Map.of("worker", cluster.env(WORKER, "worker", "DATABASE_URL").orElseThrow(),
                "PGHOST", cluster.env(REPORT, "report", "PGHOST").orElseThrow(),
                "PGUSER", cluster.env(REPORT, "report", "PGUSER").orElseThrow(),
                "PGPASSWORD", cluster.env(REPORT, "report", "PGPASSWORD").orElseThrow(),
                "PGDATABASE", cluster.env(REPORT, "report", "PGDATABASE").orElseThrow());
    }

    /** The app's own step, failing as a killed process would on its first {@code failures} runs. */
    private static final class Killed implements Step {
        private final String id;
        private int failures;

        Killed(String id, int failures) {
            this.id = id;
            this.failures = failures;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return id;
        }

        @Override
        public void run(StepContext ctx) {
            if (failures-- > 0) {
                throw new OperationFailedException("killed");
            }
        }

        @Override
        public boolean reversible() {
            return true;
        }
    }
}
