package dev.rehome.cutover.gitops;

import dev.rehome.sandbox.SeededCluster;
import dev.rehome.core.cutover.GitOpsChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.sandbox.SandboxDeploymentsRepo;
import dev.rehome.core.RefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsEditorTest {
    @TempDir
    Path dir;
    private Path overlay;
    private byte[] pvcBefore;
    private byte[] postgresBefore;
    private GitOpsEditor editor;

    @BeforeEach
    void repo() throws Exception {
        SandboxDeploymentsRepo.create(dir);
        overlay = dir.resolve(SandboxDeploymentsRepo.OVERLAY);
        pvcBefore = Files.readAllBytes(overlay.resolve("pvc.yaml"));
        postgresBefore = Files.readAllBytes(overlay.resolve("postgres.yaml"));
        editor = new GitOpsEditor(dir, SeededCluster.config());
    }

    @Test
    void neverTouchesThePhotoUploadsPvc() throws Exception {
        GitOpsChange change = editor.repoint();
        assertThat(Files.readAllBytes(overlay.resolve("pvc.yaml"))).isEqualTo(pvcBefore);
        assertThat(change.files()).noneMatch(f -> f.endsWith("pvc.yaml"));
        assertThat(change.diff()).doesNotContain("prod/pvc.yaml");
        assertThat(change.diff().lines().filter(l -> l.startsWith("-") || l.startsWith("+")))
                .noneMatch(l -> l.contains("pvc.yaml") || l.contains("photo-uploads"));
    }

    @Test
    void keepsPostgresYamlOnDiskButDropsItFromResources() throws Exception {
        editor.repoint();
        assertThat(Files.readAllBytes(overlay.resolve("postgres.yaml"))).isEqualTo(postgresBefore);
        String k = Files.readString(overlay.resolve("kustomization.yaml"));
        assertThat(k).doesNotContain("- postgres.yaml")
                .contains("- pvc.yaml   # photo-uploads: the players' photos, NOT the database")
                .contains("- ../../../base/basketball-api").contains("- path: deployment-patch.yaml")
                .contains("# the standalone database; rehome moves it into pal-e-postgres");
    }

    @Test
    void pointsTheEnvVarAtTheConnectionSecretWithoutAPassword() throws Exception {
        editor.repoint();
        String patch = Files.readString(overlay.resolve("deployment-patch.yaml"));
        assertThat(patch).contains("""
                            - name: BASKETBALL_DATABASE_URL
                              # written by rehome: the URL (with its password) lives in the Secret, not in Git
                              valueFrom:
                                secretKeyRef:
                                  name: basketball-db-pal-e-postgres
                                  key: url
                            - name: PHOTO_UPLOAD_DIR
                              value: /data/photos
                """);
        assertThat(patch).doesNotContain("basketball-api-secrets").doesNotContain("database-url")
                .contains("# the app reads its database from this one variable").contains("claimName: photo-uploads")
                .doesNotContainIgnoringCase("password:");
    }

    @Test
    void commitsOnANewBranchAndDoesNotPush() throws Exception {
        GitOpsChange change = editor.repoint();
        assertThat(change.branch()).isEqualTo("rehome/basketball-api-to-pal-e-postgres");
        assertThat(change.files()).containsExactlyInAnyOrder("overlays/basketball-api/prod/deployment-patch.yaml",
                "overlays/basketball-api/prod/kustomization.yaml");
        assertThat(change.diff()).contains("-  - postgres.yaml").contains("+                  name: basketball-db-pal-e-postgres");
        try (Git git = Git.open(dir.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo(change.branch());
            assertThat(git.getRepository().resolve("refs/heads/main")).isNotNull();
            assertThat(git.getRepository().resolve("refs/heads/main").getName()).isNotEqualTo(change.commit());
            assertThat(git.remoteList().call()).isEmpty();
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    @Test
    void theCommitCarriesTheUsersGitIdentity() throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            var config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Pal E. Engineer");
            config.setString("user", null, "email", "pal@example.org");
            config.save();
        }
        GitOpsChange change = editor.repoint();
        try (Git git = Git.open(dir.toFile())) {
            var commit = git.log().setMaxCount(1).call().iterator().next();
            assertThat(commit.getName()).isEqualTo(change.commit());
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("Pal E. Engineer");
            assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("pal@example.org");
            assertThat(commit.getCommitterIdent().getEmailAddress()).isEqualTo("pal@example.org");
        }
    }

    @Test
    void aSecondRunReturnsTheSameCommit() {
        GitOpsChange first = editor.repoint();
        GitOpsChange again = editor.repoint();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void refusesADirtyCheckout() throws Exception {
        Files.writeString(overlay.resolve("kustomization.yaml"), "# local edit\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(editor::repoint).isInstanceOf(RefusedException.class).hasMessageContaining("uncommitted");
    }

    @Test
    void retireRemovesOnlyTheDatabaseManifest() throws Exception {
        editor.repoint();
        GitOpsChange retire = editor.retire();
        assertThat(overlay.resolve("postgres.yaml")).doesNotExist();
        assertThat(Files.readAllBytes(overlay.resolve("pvc.yaml"))).isEqualTo(pvcBefore);
        assertThat(retire.files()).containsExactly("overlays/basketball-api/prod/postgres.yaml");
    }

    @Test
    void plannedChangesNameEveryFileAndTheUntouchedOne() {
        assertThat(String.join("\n", editor.plannedRepoint()))
                .contains("overlays/basketball-api/prod/deployment-patch.yaml")
                .contains("overlays/basketball-api/prod/kustomization.yaml")
                .contains("never touched: overlays/basketball-api/prod/pvc.yaml");
    }
}
