package dev.rehome.sandbox;

import dev.rehome.core.OperationFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A throwaway deployments repo shaped like the real one: {@code overlays/basketball-api/prod/} with the
 * kustomization, the deployment patch, the standalone {@code postgres.yaml} and the photo-uploads
 * {@code pvc.yaml}, committed on {@code main}.
 */
public final class SandboxDeploymentsRepo {
    public static final String OVERLAY = "overlays/basketball-api/prod";
    public static final List<String> FILES = List.of("kustomization.yaml", "deployment-patch.yaml", "postgres.yaml",
            "pvc.yaml");

    private SandboxDeploymentsRepo() {
    }

    /** Initialises a repo in {@code dir} (which must be empty or absent) and returns {@code dir}. */
    public static Path create(Path dir) {
        try {
            Path overlay = Files.createDirectories(dir.resolve(OVERLAY));
            for (String f : FILES) {
                try (InputStream in = SandboxDeploymentsRepo.class.getResourceAsStream(
                        "deployments-repo/" + OVERLAY + "/" + f)) {
                    Files.write(overlay.resolve(f), in.readAllBytes());
                }
            }
            PersonIdent who = new PersonIdent("platform", "platform@pal-e.dev");
            try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("basketball-api prod overlay").setAuthor(who).setCommitter(who).call();
            }
            return dir;
        } catch (IOException | GitAPIException e) {
            throw new OperationFailedException("cannot create the sandbox deployments repo in " + dir + ": " + e.getMessage(), e);
        }
    }
}
