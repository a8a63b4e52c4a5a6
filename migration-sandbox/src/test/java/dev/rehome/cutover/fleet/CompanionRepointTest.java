package dev.rehome.cutover.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.Secret;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.sandbox.InMemoryCluster;
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
        Cutover cutover = new Cutover(McdTrackerFixture.config(), McdTrackerFixture.ports(cluster, clock), RunOptions.defaults("test"));
        CompanionRepoint step = new CompanionRepoint(McdTrackerFixture.repoint(cluster), cutover, ref);
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
}
