package dev.rehome.cutover;

import dev.rehome.core.cutover.CutoverOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.sandbox.InMemoryCluster.EnvDef;
import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyLimits;
import dev.rehome.core.CopyResult;
import dev.rehome.core.MigrationResult;
import dev.rehome.core.Secret;
import dev.rehome.core.Step;
import dev.rehome.core.StepResult;
import dev.rehome.core.VerificationFailedException;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole cutover against real embedded servers (PG15 source with the fixture, PG17 target) and the sandbox cluster. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@ExtendWith(SharedServers.Resolver.class)
class CutoverIT {
    @TempDir
    Path dir;
    private SandboxWorld world;

    @BeforeEach
    void start(SharedServers servers) {
        world = new SandboxWorld(servers.source, servers.target, dir, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void movesTheDataCutsTheAppOverAndProvesABackup() throws Exception {
        byte[] pvcYaml = Files.readAllBytes(world.repo.resolve("overlays/basketball-api/prod/pvc.yaml"));
        CutoverOutcome outcome = world.runner().migrate();

        assertThat(outcome.result().succeeded()).as(outcome.result().steps().toString()).isTrue();
        assertThat(world.targetLong("basketball", "SELECT count(*) FROM public.players")).isEqualTo(BasketballFixture.PLAYERS);
        assertThat(world.targetLong("basketball", "SELECT count(*) FROM public.orders WHERE status = 'paid'"))
                .isEqualTo(BasketballFixture.PAID_ORDERS);
        assertThat(world.targetColumn("basketball", "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"))
                .containsExactly("basketball");
        assertThat(world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL"))
                .contains(new EnvDef(null, "basketball-db-pal-e-postgres", "url"));
        assertThat(world.cluster().replicas(SandboxWorld.APP)).isEqualTo(1);
        assertThat(outcome.result().facts()).containsKeys("backup.completedAt", "cutover.at", "gitops.commit");
        assertThat(outcome.gitops()).isPresent();
        assertThat(Files.readAllBytes(world.repo.resolve("overlays/basketball-api/prod/pvc.yaml"))).isEqualTo(pvcYaml);
        assertThat(world.cluster().reclaimPolicy(world.cluster().pvc("basketball-api", "postgres-data").orElseThrow().pv()))
                .isEqualTo("Retain");
        assertThat(appRoleCanConnectToSource()).as("the source stays fenced after the cutover").isFalse();
        String url = world.cluster().read("basketball-api", "basketball-db-pal-e-postgres").orElseThrow().get("url").reveal();
        assertThat(outcome.notices()).noneMatch(n -> n.contains(url.substring(url.indexOf(':', 12) + 1, url.indexOf('@'))));
    }

    @Test
    void aNewHomeWhoseBackupScheduleIsSuspendedIsRefusedBeforeAnythingChanges() throws Exception {
        world.cluster().schedule(new dev.rehome.core.cutover.Backups.Schedule("pal-e-postgres-daily", "0 0 2 * * *",
                true, java.util.Optional.empty()));
        String before = world.cluster().snapshot();

        MigrationResult result = world.runner().migrate().result();

        assertThat(result.steps()).filteredOn(r -> r instanceof StepResult.Failed).singleElement()
                .isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.stepId()).isEqualTo("preflight");
            assertThat(f.cause()).isInstanceOf(dev.rehome.core.RefusedException.class)
                    .hasMessageContaining("ScheduledBackup postgres/pal-e-postgres-daily is suspended");
        });
        assertThat(world.cluster().snapshot()).as("nothing changed in the cluster").isEqualTo(before);
        assertThat(world.targetColumn("postgres", "SELECT datname FROM pg_database")).doesNotContain("basketball");
    }

    @Test
    void aSourceExtensionTheTargetCannotInstallIsRefusedBeforeTheFence() throws Exception {
        world.sandbox.source().execute("basketball", "CREATE EXTENSION IF NOT EXISTS pg_trgm");
        String before = world.cluster().snapshot();
        var engines = new dev.rehome.core.cutover.EngineCatalog(java.util.Map.of("dump-restore", world::dumpRestore));
        var p = world.sandbox.ports(engines, dev.rehome.jdbc.verify.Verifiers.forLevel("counts"));
        var real = p.databases();
        // The target as a CNPG image without pg_trgm would answer.
        var withoutTrgm = new dev.rehome.core.cutover.TargetServer(17, world.targetColumn("postgres",
                "SELECT name FROM pg_catalog.pg_available_extensions").stream().filter(e -> !e.equals("pg_trgm")).toList());
        dev.rehome.core.cutover.Databases lacking = new dev.rehome.core.cutover.Databases() {
            @Override
            public dev.rehome.core.DatabaseEndpoint sourceAdmin() {
                return real.sourceAdmin();
            }

            @Override
            public String sourceAppRole() {
                return real.sourceAppRole();
            }

            @Override
            public java.util.List<dev.rehome.core.cutover.SourceLogin> sourceLogins() {
                return real.sourceLogins();
            }

            @Override
            public dev.rehome.core.DatabaseEndpoint targetAdmin(String database) {
                return real.targetAdmin(database);
            }

            @Override
            public dev.rehome.core.DatabaseEndpoint targetAs(String role, Secret password, String database) {
                return real.targetAs(role, password, database);
            }

            @Override
            public dev.rehome.core.DatabaseEndpoint appEndpoint(String role, String database) {
                return real.appEndpoint(role, database);
            }

            @Override
            public java.util.Optional<dev.rehome.core.cutover.TargetServer> targetServer() {
                return java.util.Optional.of(withoutTrgm);
            }
        };
        var ports = new dev.rehome.core.cutover.CutoverPorts(p.workloads(), p.secrets(), p.volumes(), p.backups(),
                p.network(), lacking, p.provisioner(), p.lock(), p.engines(), p.verifier(), p.health(), p.journal());

        MigrationResult result = new CutoverRunner(world.sandbox.config(), ports, world.gitopsOptions(),
                dev.rehome.core.MigrationListener.NONE, Clock.systemUTC()).migrate().result();

        assertThat(result.steps()).filteredOn(r -> r instanceof StepResult.Failed).singleElement()
                .isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.stepId()).isEqualTo("preflight");
            assertThat(f.cause()).isInstanceOf(dev.rehome.core.RefusedException.class)
                    .hasMessageContaining("extensions [pg_trgm]").hasMessageContaining("not available");
        });
        assertThat(world.cluster().snapshot()).as("nothing changed in the cluster").isEqualTo(before);
        assertThat(world.cluster().replicas(SandboxWorld.APP)).isEqualTo(1);
        assertThat(appRoleCanConnectToSource()).as("the source was never fenced").isTrue();
        assertThat(world.targetColumn("postgres", "SELECT datname FROM pg_database")).doesNotContain("basketball");
    }

    @Test
    void theCopyIsBoundByTheConfiguredCopyDeadline() {
        List<CopyLimits> seen = new CopyOnWriteArrayList<>();
        CopyEngine recording = new CopyEngine() {
            @Override
            public String id() {
                return "dump-restore";
            }

            @Override
            public CopyResult copy(dev.rehome.core.CopyRequest request, dev.rehome.core.MigrationListener listener) {
                seen.add(request.options().limits());
                return world.dumpRestore().copy(request, listener);
            }
        };

        world.runner(UnaryOperator.identity(), () -> recording, world.gitopsOptions()).migrate();

        assertThat(seen).singleElement().satisfies(limits -> {
            assertThat(limits.deadline()).isEqualTo(world.sandbox.config().deadlines().copy());
            assertThat(limits.stall()).isEqualTo(CopyLimits.DEFAULT_STALL);
        });
    }

    @Test
    void aVerificationFailureRollsBackWithTheAppOnTheSource() throws Exception {
        CopyEngine lossy = new CopyEngine() {
            @Override
            public String id() {
                return "dump-restore";
            }

            @Override
            public CopyResult copy(dev.rehome.core.CopyRequest request, dev.rehome.core.MigrationListener listener) {
                CopyResult r = world.dumpRestore().copy(request, listener);
                world.sandbox.target().execute("basketball", "DELETE FROM public.orders WHERE id = 3");
                return r;
            }
        };
        EnvDef envBefore = world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL").orElseThrow();

        MigrationResult result = world.runner(UnaryOperator.identity(), () -> lossy, world.gitopsOptions()).migrate().result();

        assertThat(result.steps()).filteredOn(r -> r instanceof StepResult.Failed).singleElement()
                .satisfies(f -> {
                    assertThat(f.stepId()).isEqualTo("verify");
                    assertThat(((StepResult.Failed) f).cause()).isInstanceOf(VerificationFailedException.class);
                });
        assertThat(result.steps()).filteredOn(r -> r instanceof StepResult.RolledBack).extracting(StepResult::stepId)
                .contains("quiesce", "provision");
        assertThat(world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL")).contains(envBefore);
        assertThat(world.cluster().replicas(SandboxWorld.APP)).isEqualTo(1);
        assertThat(appRoleCanConnectToSource()).as("source unfenced").isTrue();
        assertThat(world.targetColumn("postgres", "SELECT datname FROM pg_database")).doesNotContain("basketball");
        assertThat(world.sourceLong("SELECT count(*) FROM public.orders")).isEqualTo(BasketballFixture.ORDERS);
    }

    @Test
    void anAppThatStaysUnhealthyOnItsNewHomeGoesBackByItselfWhenNothingWasWrittenThere() throws Exception {
        EnvDef envBefore = world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL").orElseThrow();
        UnaryOperator<Step> unhealthy = s -> !s.id().equals("scale-up") ? s : new Step() {
            @Override
            public String id() {
                return s.id();
            }

            @Override
            public String title() {
                return s.title();
            }

            @Override
            public void run(dev.rehome.core.StepContext context) throws Exception {
                s.run(context);
                throw new dev.rehome.core.OperationFailedException("health check: GET /health never answered 200");
            }

            @Override
            public boolean reversible() {
                return s.reversible();
            }

            @Override
            public void undo(dev.rehome.core.StepContext context) throws Exception {
                s.undo(context);
            }
        };

        MigrationResult result = world.runner(unhealthy).migrate().result();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.steps()).filteredOn(r -> r instanceof StepResult.RolledBack).extracting(StepResult::stepId)
                .contains("scale-up", "repoint", "quiesce");
        assertThat(world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL")).contains(envBefore);
        assertThat(world.cluster().replicas(SandboxWorld.APP)).isEqualTo(1);
        assertThat(appRoleCanConnectToSource()).as("source unfenced").isTrue();
    }

    @Test
    void rollbackAfterTheCutoverWorksOnlyWhileTheTargetHasNoWrites() throws Exception {
        assertThat(world.runner().migrate().result().succeeded()).isTrue();
        world.sandbox.target().execute("basketball", "INSERT INTO public.teams (name, age_group, season, coach_name) "
                + "VALUES ('Owls', 'U10', '2026-spring', 'New Coach')");
        // the inserting session has ended, and a backend flushes its statistics when it exits

        MigrationResult refused = world.runner().rollback().result();

        assertThat(refused.steps()).filteredOn(r -> r instanceof StepResult.Failed).singleElement()
                .satisfies(f -> assertThat(((StepResult.Failed) f).cause()).hasMessageContaining("write(s) since the cutover"));
        assertThat(world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL"))
                .contains(new EnvDef(null, "basketball-db-pal-e-postgres", "url"));
    }

    @Test
    void rollbackAfterTheCutoverWithoutWritesPutsTheAppBack() {
        EnvDef envBefore = world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL").orElseThrow();
        assertThat(world.runner().migrate().result().succeeded()).isTrue();

        MigrationResult back = world.runner().rollback().result();

        assertThat(back.succeeded()).as(back.steps().toString()).isTrue();
        assertThat(world.cluster().env(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL")).contains(envBefore);
        assertThat(world.cluster().replicas(SandboxWorld.APP)).isEqualTo(1);
        assertThat(appRoleCanConnectToSource()).isTrue();
    }

    private boolean appRoleCanConnectToSource() {
        String url = world.cluster().read("basketball-api", "basketball-api-secrets").orElseThrow().get("database-url").reveal();
        String password = url.substring(url.indexOf(':', 13) + 1, url.indexOf('@'));
        Properties p = new Properties();
        p.setProperty("user", "basketball");
        p.setProperty("password", Secret.of(password).reveal());
        try (var c = DriverManager.getConnection(world.sandbox.source().jdbcUrl("basketball"), p)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
