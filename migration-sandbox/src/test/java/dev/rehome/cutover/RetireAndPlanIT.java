package dev.rehome.cutover;

import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.WorkloadRef;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.core.MigrationResult;
import dev.rehome.core.RefusedException;
import dev.rehome.core.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code retire} after a cutover, and {@code plan} / {@code --dry-run}, which change nothing. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@ExtendWith(SharedServers.Resolver.class)
class RetireAndPlanIT {
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

    /** The in-memory cluster's backups are records, not data: a restore proof is impossible here, so it is skipped. */
    private static final String NO_BACKUPS_HERE = "the in-memory world's backups hold no data to restore";

    @Test
    void retireIsRefusedBeforeTheCutoverAndDuringTheCoolOff() {
        MigrationResult early = world.runner().retire().result();
        assertThat(failure(early)).isInstanceOf(RefusedException.class).hasMessageContaining("verified cutover");

        assertThat(world.runner().migrate().result().succeeded()).isTrue();
        MigrationResult unproven = world.runner().retire().result();
        assertThat(failure(unproven)).as("the in-memory world cannot restore its backup").isInstanceOf(RefusedException.class)
                .hasMessageContaining("needs a passed restore proof").hasMessageContaining("--skip-restore-proof");
        MigrationResult coolOff = world.runner(UnaryOperator.identity(), world::dumpRestore,
                RunOptions.defaults("test").withRestoreProofSkipped(NO_BACKUPS_HERE)).retire().result();
        assertThat(failure(coolOff)).isInstanceOf(RefusedException.class).hasMessageContaining("cool-off runs until");
        assertThat(world.cluster().exists(new WorkloadRef("basketball-api", "postgres"))).isTrue();
    }

    @Test
    void retireRefusesWhenTheOldDatabaseTookAWriteSinceItsCopy() throws Exception {
        assertThat(world.runner().migrate().result().succeeded()).isTrue();
        // A superuser gets past any fence: the write the app would lose if the old database were deleted now.
        String inserts = "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'teams'";
        long before = world.sourceLong(inserts);
        world.sandbox.source().execute("basketball",
                "INSERT INTO public.teams (name, age_group, season, coach_name) VALUES ('late signup', 'U12', '2026', 'Sam')");
        dev.rehome.testkit.kube.Poll.until(() -> world.sourceLong(inserts), n -> n > before,
                java.time.Duration.ofSeconds(10), "the insert counted");

        RunOptions now = RunOptions.defaults("test").withRetire(true, true).withRestoreProofSkipped(NO_BACKUPS_HERE);
        MigrationResult refused = world.runner(UnaryOperator.identity(), world::dumpRestore, now).retire().result();

        assertThat(failure(refused)).isInstanceOf(RefusedException.class).hasMessageContaining("took 1 row change(s)")
                .hasMessageContaining("would lose them");
        assertThat(world.cluster().exists(new WorkloadRef("basketball-api", "postgres"))).isTrue();
        assertThat(world.cluster().pvc("basketball-api", "postgres-data")).isPresent();
    }

    @Test
    void retireRemovesTheOldUrlKeptForARollbackThatCanNoLongerHappen() {
        // The app's URL as a literal env value: its before-image (old password and all) goes to a backup Secret.
        String oldUrl = world.cluster().read("basketball-api", "basketball-api-secrets").orElseThrow()
                .get("database-url").reveal();
        world.cluster().setEnv(SandboxWorld.APP, "basketball-api", "BASKETBALL_DATABASE_URL",
                new InMemoryCluster.EnvDef(oldUrl, null, null));
        assertThat(world.runner().migrate().result().succeeded()).isTrue();
        String backup = "rehome-backup-basketball-api-basketball-database-url";
        assertThat(world.cluster().read("basketball-api", backup)).as("kept while a rollback may need it").isPresent();

        RunOptions now = RunOptions.defaults("test").withRetire(true, false).withRestoreProofSkipped(NO_BACKUPS_HERE);
        MigrationResult retired = world.runner(UnaryOperator.identity(), world::dumpRestore, now).retire().result();

        assertThat(retired.succeeded()).as(retired.steps().toString()).isTrue();
        assertThat(world.cluster().read("basketball-api", backup)).isEmpty();
    }

    @Test
    void retireDeletesOnlyTheDatabasesOwnVolumeAndNeverPhotoUploads() throws Exception {
        assertThat(world.runner().migrate().result().succeeded()).isTrue();
        InMemoryCluster.Pvc photos = world.cluster().pvc("basketball-api", "photo-uploads").orElseThrow();
        byte[] pvcYaml = Files.readAllBytes(world.repo.resolve("overlays/basketball-api/prod/pvc.yaml"));

        RunOptions direct = RunOptions.defaults("test").withRetire(true, true).withRestoreProofSkipped(NO_BACKUPS_HERE);
        MigrationResult retired = world.runner(UnaryOperator.identity(), world::dumpRestore, direct).retire().result();

        assertThat(retired.succeeded()).as(retired.steps().toString()).isTrue();
        assertThat(world.cluster().exists(new WorkloadRef("basketball-api", "postgres"))).isFalse();
        assertThat(world.cluster().serviceExists("basketball-api", "postgres")).isFalse();
        assertThat(world.cluster().pvc("basketball-api", "postgres-data")).isEmpty();
        assertThat(world.cluster().pvc("basketball-api", "photo-uploads")).contains(photos);
        assertThat(world.cluster().exists(SandboxWorld.APP)).isTrue();
        assertThat(Files.readAllBytes(world.repo.resolve("overlays/basketball-api/prod/pvc.yaml"))).isEqualTo(pvcYaml);
    }

    @Test
    void retireInGitopsModeRemovesOnlyPostgresYaml() throws Exception {
        assertThat(world.runner().migrate().result().succeeded()).isTrue();
        byte[] pvcYaml = Files.readAllBytes(world.repo.resolve("overlays/basketball-api/prod/pvc.yaml"));

        CutoverOutcome retired = world.runner(UnaryOperator.identity(), world::dumpRestore,
                world.gitopsOptions().withRetire(true, false).withRestoreProofSkipped(NO_BACKUPS_HERE)).retire();

        assertThat(retired.result().succeeded()).as(retired.result().steps().toString()).isTrue();
        assertThat(retired.gitops()).hasValueSatisfying(g ->
                assertThat(g.files()).containsExactly("overlays/basketball-api/prod/postgres.yaml"));
        assertThat(world.repo.resolve("overlays/basketball-api/prod/postgres.yaml")).doesNotExist();
        assertThat(Files.readAllBytes(world.repo.resolve("overlays/basketball-api/prod/pvc.yaml"))).isEqualTo(pvcYaml);
        assertThat(world.cluster().pvc("basketball-api", "postgres-data")).isPresent();
    }

    @Test
    void planNamesEveryResourceSqlStatementAndFile() {
        String text = render(world.runner().preview());

        assertThat(text).contains("Deployment basketball-api/basketball-api: replicas -> 0",
                "fence on source: ALTER ROLE 'basketball' NOLOGIN (undo: LOGIN)",
                "fence on source: REVOKE CONNECT ON DATABASE 'basketball' FROM PUBLIC (undo: GRANT)",
                "fence: superuser 'postgres' is held: NOLOGIN on 'basketball'",
                "CREATE DATABASE \"basketball\" OWNER \"basketball\"",
                "CREATE ROLE \"basketball\" LOGIN NOSUPERUSER",
                "SELECT count(*) FROM \"public\".\"orders\" WHERE status = 'paid'",
                "Secret basketball-api/basketball-db-pal-e-postgres",
                "Secret postgres/rehome-basketball-credentials",
                "overlays/basketball-api/prod/deployment-patch.yaml",
                "overlays/basketball-api/prod/kustomization.yaml",
                "never touched: overlays/basketball-api/prod/pvc.yaml",
                "never touched: PVC basketball-api/photo-uploads",
                "persistentVolumeReclaimPolicy -> Retain",
                "Leases in postgres on the source (source/basketball-api/", "and the target (rehome-pal-e-postgres-basketball)",
                "versions: source PostgreSQL 15 -> target PostgreSQL 17", "downtime: about ")
                .doesNotContain(world.cluster().read("basketball-api", "basketball-api-secrets").orElseThrow()
                        .get("database-url").reveal());
    }

    @Test
    void aDryRunChangesNothingInTheClusterTheDatabasesOrTheRepo() throws Exception {
        String cluster = world.cluster().snapshot();
        String databases = world.databasesSnapshot();
        String head;
        try (Git git = Git.open(world.repo.toFile())) {
            head = git.getRepository().resolve("HEAD").getName() + git.getRepository().getBranch();
        }

        world.runner().preview();

        assertThat(world.cluster().snapshot()).isEqualTo(cluster);
        assertThat(world.databasesSnapshot()).isEqualTo(databases);
        assertThat(world.runner().status().steps()).isEmpty();
        try (Git git = Git.open(world.repo.toFile())) {
            assertThat(git.getRepository().resolve("HEAD").getName() + git.getRepository().getBranch()).isEqualTo(head);
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    private static Throwable failure(MigrationResult result) {
        return result.steps().stream().filter(r -> r instanceof StepResult.Failed)
                .map(r -> ((StepResult.Failed) r).cause()).findFirst().orElseThrow();
    }

    private static String render(PlanPreview preview) {
        StringBuilder sb = new StringBuilder();
        preview.steps().forEach(i -> i.changes().forEach(c -> sb.append(c).append('\n')));
        preview.preflight().lines().forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
