package dev.rehome.core.cutover;


import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every name and limit the cutover uses. An app's defaults name its objects (app-basketball's, the real cluster's); the YAML
 * loader of migration-cutover overrides any of them. Immutable.
 */
public record CutoverConfig(Source source, App app, Target target, List<Invariant> invariants, GitOps gitops,
                               Retire retire, Deadlines deadlines) {
    public CutoverConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(target, "target");
        invariants = List.copyOf(invariants);
        Objects.requireNonNull(gitops, "gitops");
        Objects.requireNonNull(retire, "retire");
        Objects.requireNonNull(deadlines, "deadlines");
    }

    /** The standalone postgres: its Deployment, Service, container, PVC (name as expected; proven at preflight). */
    public record Source(String namespace, String deployment, String service, String container, String pvc,
                         String database) {
    }

    /** The app that uses the database, the env var holding its URL and the Secret rehome writes it to. */
    public record App(String namespace, String deployment, String container, String envVar, String connectionSecret,
                      String connectionSecretKey, String healthUrl) {
    }

    /** The CNPG cluster that becomes the new home, and the database and role created there. */
    public record Target(String namespace, String cluster, String database, String role) {
    }

    /** Where the app's manifests live in the deployments repo, and what the GitOps change may touch. */
    public record GitOps(String overlay, String deploymentPatch, String kustomization, String dropResource,
                         List<String> protectedFiles, String branch) {
        public GitOps {
            protectedFiles = List.copyOf(protectedFiles);
        }
    }

    /** How long after a verified cutover {@code retire} waits, and volumes it never deletes. */
    public record Retire(Duration coolOff, List<String> protectedPvcs) {
        public Retire {
            protectedPvcs = List.copyOf(protectedPvcs);
        }
    }

    /** How long each wait may take before the step fails. */
    public record Deadlines(Duration scale, Duration copy, Duration backup, Duration health) {
    }

    /**
     * The plan's journal key: one journal per source/target pair. The {@code basketball:} prefix is kept from the
     * first release so that journals written by it still resume; it names no app.
     */
    public String planName() {
        return "basketball:" + source.namespace() + "/" + source.deployment() + "->" + target.namespace() + "/"
                + target.cluster() + "/" + target.database();
    }

    public CutoverConfig withHealthUrl(String url) {
        return new CutoverConfig(source, new App(app.namespace(), app.deployment(), app.container(), app.envVar(),
                app.connectionSecret(), app.connectionSecretKey(), url), target, invariants, gitops, retire, deadlines);
    }
}
