package dev.rehome.cutover.gitops;

import dev.rehome.core.cutover.GitOpsChange;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes the cutover into a checkout of the deployments repo instead of the cluster, for apps ArgoCD manages:
 * in the app's overlay, the env var becomes a {@code secretKeyRef} to the connection Secret and the standalone
 * database's manifest leaves {@code kustomization.yaml}'s resources (the file itself stays until retire). The
 * change is committed on a new branch and never pushed. Protected files are hashed before and after; if one
 * changed, nothing is committed. Rerunning returns the change already on the branch. Not thread-safe.
 */
public final class GitOpsEditor {
    /** Only when the checkout names no user: git itself would refuse to commit then. */
    private static final PersonIdent FALLBACK_AUTHOR = new PersonIdent("rehome", "rehome@localhost");

    private final Path checkout;
    private final CutoverConfig config;

    public GitOpsEditor(Path checkout, CutoverConfig config) {
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** What {@link #repoint()} would change, one line per file, for {@code plan}. */
    public List<String> plannedRepoint() {
        CutoverConfig.GitOps g = config.gitops();
        return List.of(
                "file " + path(g.deploymentPatch()) + ": env " + config.app().envVar() + " -> secretKeyRef "
                        + config.app().connectionSecret() + "/" + config.app().connectionSecretKey(),
                "file " + path(g.kustomization()) + ": drop '" + g.dropResource() + "' from resources (file kept)",
                "git: commit on new branch '" + g.branch() + "' in " + checkout + " (not pushed)",
                "never touched: " + String.join(", ", g.protectedFiles().stream().map(this::path).toList()));
    }

    public GitOpsChange repoint() {
        CutoverConfig.GitOps g = config.gitops();
        return commitOnBranch(g.branch(), "rehome: move " + config.app().deployment() + " to "
                + config.target().cluster() + "/" + config.target().database(), dir -> {
            Path patch = dir.resolve(g.deploymentPatch());
            Path kustomization = dir.resolve(g.kustomization());
            write(patch, DeploymentPatchEdit.pointEnvAtSecret(read(patch), config.app().envVar(),
                    config.app().connectionSecret(), config.app().connectionSecretKey()));
            write(kustomization, KustomizationEdit.dropResource(read(kustomization), g.dropResource()));
            return List.of(path(g.deploymentPatch()), path(g.kustomization()));
        });
    }

    /** Retire in GitOps mode: removes the standalone database's manifest file from the overlay. */
    public GitOpsChange retire() {
        CutoverConfig.GitOps g = config.gitops();
        return commitOnBranch(g.branch() + "-retire", "rehome: retire the standalone database of "
                + config.app().deployment(), dir -> {
            Path kustomization = dir.resolve(g.kustomization());
            write(kustomization, KustomizationEdit.dropResource(read(kustomization), g.dropResource()));
            Files.deleteIfExists(dir.resolve(g.dropResource()));
            return List.of(path(g.dropResource()), path(g.kustomization()));
        });
    }

    private interface Edit {
        List<String> apply(Path overlayDir) throws IOException;
    }

    private GitOpsChange commitOnBranch(String branch, String message, Edit edit) {
        try (Git git = Git.open(checkout.toFile())) {
            Repository repo = git.getRepository();
            Ref existing = repo.findRef("refs/heads/" + branch);
            if (existing != null) {
                return describe(repo, branch, existing.getObjectId());
            }
            if (!git.status().call().isClean()) {
                throw new RefusedException("the deployments checkout " + checkout
                        + " has uncommitted changes; commit or stash them, then rerun");
            }
            Path overlay = checkout.resolve(config.gitops().overlay());
            if (!Files.isDirectory(overlay)) {
                throw new RefusedException("the deployments checkout " + checkout + " has no overlay '"
                        + config.gitops().overlay() + "'; pass the repo root as --gitops-dir or set gitops.overlay");
            }
            Map<String, String> protectedBefore = hashes(overlay);
            git.checkout().setCreateBranch(true).setName(branch).call();
            List<String> files = edit.apply(overlay);
            if (!protectedBefore.equals(hashes(overlay))) {
                git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
                throw new OperationFailedException("a protected file changed during the GitOps edit; nothing committed");
            }
            var add = git.add();
            var rm = git.rm();
            boolean removed = false;
            for (String f : files) {
                if (Files.exists(checkout.resolve(f))) {
                    add.addFilepattern(f);
                } else {
                    rm.addFilepattern(f);
                    removed = true;
                }
            }
            add.call();
            if (removed) {
                rm.call();
            }
            PersonIdent author = author(repo);
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
            return describe(repo, branch, commit.getId());
        } catch (IOException | GitAPIException e) {
            throw new OperationFailedException("cannot edit the deployments checkout " + checkout + ": " + e.getMessage(), e);
        }
    }

    /**
     * The person running rehome, as git knows them in this checkout (its config, then ~/.gitconfig): the branch is
     * theirs to review and push, and the history should say who made it.
     */
    private static PersonIdent author(Repository repo) {
        UserConfig user = repo.getConfig().get(UserConfig.KEY);
        if (user.isAuthorNameImplicit() || user.isAuthorEmailImplicit()) {
            return FALLBACK_AUTHOR;
        }
        return new PersonIdent(user.getAuthorName(), user.getAuthorEmail());
    }

    private GitOpsChange describe(Repository repo, String branch, ObjectId tip) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ByteArrayOutputStream out = new ByteArrayOutputStream();
             DiffFormatter diff = new DiffFormatter(out)) {
            RevCommit commit = walk.parseCommit(tip);
            RevCommit parent = walk.parseCommit(commit.getParent(0));
            diff.setRepository(repo);
            List<String> files = new ArrayList<>();
            for (DiffEntry e : diff.scan(parent.getTree(), commit.getTree())) {
                files.add(e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath());
                diff.format(e);
            }
            diff.flush();
            return new GitOpsChange(branch, commit.getName(), files, out.toString(StandardCharsets.UTF_8));
        }
    }

    private Map<String, String> hashes(Path overlay) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : config.gitops().protectedFiles()) {
            Path p = overlay.resolve(f);
            out.put(f, Files.exists(p) ? sha256(Files.readAllBytes(p)) : "absent");
        }
        return out;
    }

    private String path(String file) {
        return config.gitops().overlay() + "/" + file;
    }

    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new RefusedException("the overlay has no " + file.getFileName() + " (" + file + ")");
        }
        return Files.readString(file);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
