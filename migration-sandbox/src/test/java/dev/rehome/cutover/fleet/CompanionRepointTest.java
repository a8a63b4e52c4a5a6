package dev.rehome.cutover.fleet;

import dev.rehome.sandbox.SeededCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.sandbox.LocalDatabases;
import dev.rehome.sandbox.LocalLock;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.cutover.steps.SqlProvisioner;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.InMemoryJournal;
import dev.rehome.core.Secret;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.VerificationReport;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompanionRepointTest {
    private static final WorkloadRef APP = new WorkloadRef("mcd-tracker", "mcd-tracker");
    private final Clock clock = Clock.systemUTC();
    private final InMemoryCluster cluster = new InMemoryCluster(clock);
    private final AppReference ref = new AppReference("Deployment", "mcd-tracker", "mcd-tracker", "DATABASE_HOST",
            AppReference.Style.HOST, "literal", Map.of("user", "DATABASE_USER", "password", "DATABASE_PASSWORD",
            "dbname", "DATABASE_NAME"));

    @Test
    void pointsEveryCompanionAtItsKeyAndUndoPutsThemBack() throws Exception {
        cluster.addDeployment(APP, 1, false);
        cluster.setEnv(APP, "mcd-tracker", "DATABASE_HOST", new InMemoryCluster.EnvDef("postgres", null, null));
        cluster.setEnv(APP, "mcd-tracker", "DATABASE_NAME", new InMemoryCluster.EnvDef("mcd_tracker", null, null));
        cluster.setEnv(APP, "mcd-tracker", "DATABASE_USER", new InMemoryCluster.EnvDef(null, "postgres-credentials", "POSTGRES_USER"));
        cluster.setEnv(APP, "mcd-tracker", "DATABASE_PASSWORD", new InMemoryCluster.EnvDef(null, "postgres-credentials", "POSTGRES_PASSWORD"));
        List<InMemoryCluster.EnvDef> before = env();
        Cutover cutover = new Cutover(config(), ports(), RunOptions.defaults("test"));
        CompanionRepoint step = new CompanionRepoint(new FakeRepoint(), cutover, ref);
        StepContext ctx = StepContext.detached(clock);

        step.run(ctx);

        assertThat(cluster.env(APP, "mcd-tracker", "DATABASE_USER").orElseThrow().key()).isEqualTo("username");
        assertThat(cluster.env(APP, "mcd-tracker", "DATABASE_PASSWORD").orElseThrow().key()).isEqualTo("password");
        assertThat(cluster.env(APP, "mcd-tracker", "DATABASE_NAME").orElseThrow().key()).isEqualTo("dbname");
        Map<String, Secret> secret = cluster.read("mcd-tracker", "mcd-tracker-db-pal-e-postgres").orElseThrow();
        assertThat(secret.get("host").reveal()).isEqualTo("pal-e-postgres-rw.postgres.svc.cluster.local");
        assertThat(secret.get("port").reveal()).isEqualTo("5432");
        assertThat(secret.get("dbname").reveal()).isEqualTo("mcd_tracker");
        assertThat(secret.get("uri").reveal()).startsWith("postgresql://mcd_tracker:");
        assertThat(step.pointOfNoReturn()).isTrue();

        step.undo(ctx);

        assertThat(env()).isEqualTo(before);
        assertThat(cluster.read("mcd-tracker", "mcd-tracker-db-pal-e-postgres")).isEmpty();
    }

    private List<InMemoryCluster.EnvDef> env() {
        return List.of("DATABASE_HOST", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD").stream()
                .map(v -> cluster.env(APP, "mcd-tracker", v).orElseThrow()).toList();
    }

    /** Does what the basketball re-point does to the cluster: the Secret with the URL, the host var pointed at it. */
    private final class FakeRepoint implements Step {
        @Override
        public String id() {
            return "repoint";
        }

        @Override
        public String title() {
            return "re-point";
        }

        @Override
        public void run(StepContext ctx) {
            ctx.putFact("app.env.before", cluster.captureEnv(APP, "mcd-tracker", "DATABASE_HOST"));
            cluster.put("mcd-tracker", "mcd-tracker-db-pal-e-postgres", Map.of("host", Secret.of(
                    "postgresql://mcd_tracker:pw@pal-e-postgres-rw.postgres.svc.cluster.local:5432/mcd_tracker"),
                    "username", Secret.of("mcd_tracker"), "password", Secret.of("pw")));
            cluster.pointEnvAtSecret(APP, "mcd-tracker", "DATABASE_HOST", "mcd-tracker-db-pal-e-postgres", "host");
        }

        @Override
        public boolean pointOfNoReturn() {
            return true;
        }

        @Override
        public void undo(StepContext ctx) {
            cluster.restoreEnv(APP, "mcd-tracker", "DATABASE_HOST", ctx.requireFact("app.env.before"));
            cluster.delete("mcd-tracker", "mcd-tracker-db-pal-e-postgres");
        }
    }

    private CutoverConfig config() {
        CutoverConfig d = SeededCluster.config();
        return new CutoverConfig(new CutoverConfig.Source("mcd-tracker", "postgres", "postgres", "postgres",
                "postgres-data", "mcd_tracker"), new CutoverConfig.App("mcd-tracker", "mcd-tracker", "mcd-tracker",
                "DATABASE_HOST", "mcd-tracker-db-pal-e-postgres", "host", ""),
                new CutoverConfig.Target("postgres", "pal-e-postgres", "mcd_tracker", "mcd_tracker"), List.of(),
                d.gitops(), d.retire(), d.deadlines());
    }

    private CutoverPorts ports() {
        DatabaseEndpoint nowhere = DatabaseEndpoint.of("127.0.0.1", 1, "postgres", "postgres", Secret.empty());
        LocalDatabases databases = new LocalDatabases(nowhere, "mcd", nowhere);
        return new CutoverPorts(cluster, cluster, cluster, cluster, cluster, databases, new SqlProvisioner(databases),
                new LocalLock(clock), new EngineCatalog(Map.of()), (s, t) -> VerificationReport.ofFindings("none", List.of()),
                (url, deadline) -> { }, new InMemoryJournal());
    }
}
