package dev.rehome.cutover;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.Invariant;
import dev.rehome.cutover.fleet.RoleNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@link CutoverConfig} of one move from the names that differ between apps, with the conventions of the
 * fleet for the rest: the app's connection Secret {@code <app>-db-<cluster>} (key {@code url}), its kustomize
 * overlay {@code overlays/<app>/prod}, a role named after the namespace, a 7-day cool-off before retire. Every
 * name is still proven against the cluster at preflight; a wrong one refuses, it never touches another object.
 */
public final class RehomeConfig {
    private final String namespace;
    private final String deployment;
    private String service;
    private String container = "postgres";
    private String database;
    private String dataVolume;
    private String app;
    private String envVar;
    private String healthUrl = "";
    private String targetNamespace;
    private String cluster;
    private String role;
    private final List<Invariant> invariants = new ArrayList<>();
    private final List<String> protectedVolumes = new ArrayList<>();

    private RehomeConfig(String namespace, String deployment) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.service = deployment;
        this.database = deployment;
    }

    /** The standalone PostgreSQL: its namespace and Deployment (its Service defaults to the same name). */
    public static RehomeConfig source(String namespace, String deployment) {
        return new RehomeConfig(namespace, deployment);
    }

    public RehomeConfig service(String name) {
        this.service = name;
        return this;
    }

    public RehomeConfig container(String name) {
        this.container = name;
        return this;
    }

    /** The database to move; also its name in the new home. */
    public RehomeConfig database(String name) {
        this.database = name;
        return this;
    }

    /** The PVC at PGDATA, the one retire may delete (proven at preflight to be the one mounted there). */
    public RehomeConfig dataVolume(String pvc) {
        this.dataVolume = pvc;
        return this;
    }

    /** The app's Deployment (same namespace) and the env var holding its full connection string. */
    public RehomeConfig app(String deployment, String envVar) {
        this.app = deployment;
        this.envVar = envVar;
        return this;
    }

    /** A URL that must answer 200 after the re-point; without one, readiness alone decides. */
    public RehomeConfig healthUrl(String url) {
        this.healthUrl = url;
        return this;
    }

    /** The running CNPG cluster that becomes the new home. */
    public RehomeConfig into(String namespace, String cluster) {
        this.targetNamespace = namespace;
        this.cluster = cluster;
        return this;
    }

    /** The role that owns the database in the new home (default: the namespace, dashes as underscores). */
    public RehomeConfig role(String role) {
        this.role = role;
        return this;
    }

    /** Tables whose exact row counts must read the same before and after (schema {@code public}). */
    public RehomeConfig rowCounts(String... tables) {
        for (String t : tables) {
            invariants.add(Invariant.count(t));
        }
        return this;
    }

    public RehomeConfig invariant(Invariant invariant) {
        invariants.add(invariant);
        return this;
    }

    /** Volumes retire must never delete, whatever else is proven (photo uploads beside the database). */
    public RehomeConfig neverDelete(String... pvcs) {
        protectedVolumes.addAll(List.of(pvcs));
        return this;
    }

    public CutoverConfig build() {
        require(dataVolume, "dataVolume(pvc)");
        require(app, "app(deployment, envVar)");
        require(cluster, "into(namespace, cluster)");
        String owner = role != null ? role : RoleNames.fromNamespace(namespace);
        if (!RoleNames.valid(owner)) {
            throw new InvalidConfigurationException("role '" + owner + "' is not a plain lower-case identifier");
        }
        return new CutoverConfig(
                new CutoverConfig.Source(namespace, deployment, service, container, dataVolume, database),
                new CutoverConfig.App(namespace, app, app, envVar, app + "-db-" + cluster, "url", healthUrl),
                new CutoverConfig.Target(targetNamespace, cluster, database, owner),
                invariants,
                new CutoverConfig.GitOps("overlays/" + app + "/prod", "deployment-patch.yaml", "kustomization.yaml",
                        deployment + ".yaml", List.of("pvc.yaml"), "rehome/" + app + "-to-" + cluster),
                new CutoverConfig.Retire(Duration.ofDays(7), protectedVolumes),
                new CutoverConfig.Deadlines(Duration.ofMinutes(5), Duration.ofMinutes(60), Duration.ofMinutes(30),
                        Duration.ofMinutes(5)));
    }

    private static void require(Object value, String call) {
        if (value == null) {
            throw new InvalidConfigurationException("RehomeConfig needs " + call);
        }
    }
}
