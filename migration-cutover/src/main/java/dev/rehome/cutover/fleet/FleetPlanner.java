package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.CutoverNames;
import dev.rehome.core.cutover.Invariant;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.TableRef;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.discovery.SourceDatabase;
import dev.rehome.kubectl.discovery.SourceDiscovery;
import dev.rehome.kubectl.discovery.UntouchedClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.rehome.kubectl.workload.ArgoCdDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives the cutover of any standalone PostgreSQL from what discovery finds: the database (POSTGRES_DB), a role
 * named after the namespace, the app whose env points at the database's Service (the first such Deployment; every
 * other Deployment, StatefulSet or CronJob env var naming it is re-pointed with it, and a workload reading it
 * through envFrom or a mounted file is refused, since only rewriting a user's Secret could move that),
 * invariants = the exact row count of every table, the PVC proven at PGDATA, and every other PVC of the namespace
 * protected. Reads only.
 *
 * <pre>{@code
 * FleetCutover c = new FleetPlanner(client, discovery, catalog)
 *         .derive(NamespacedName.parse("mcd-tracker/postgres"), NamespacedName.parse("postgres/pal-e-postgres"), FleetOptions.defaults());
 * }</pre>
 *
 * Thread-safe when its collaborators are.
 */
public final class FleetPlanner {
    private final KubernetesClient client;
    private final SourceDiscovery discovery;
    private final TableCatalog tables;

    public FleetPlanner(KubernetesClient client, SourceDiscovery discovery, TableCatalog tables) {
        this.client = Objects.requireNonNull(client, "client");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    public FleetCutover derive(NamespacedName workload, NamespacedName into, FleetOptions options) {
        SourceDatabase src = discovery.discover(workload);
        String ns = workload.namespace();
        String service = src.service().orElseThrow(() -> new RefusedException("no Service in " + ns
                + " serves port 5432 of " + workload + ", so no app can be found that uses it; give the app by --config"));
        List<AppReference> refs = new AppReferenceScanner(client).scan(ns, service, workload.name());
        refuseIndirect(workload, refs);
        AppReference app = refs.stream().filter(r -> r.kind().equals("Deployment")).findFirst()
                .orElseThrow(() -> new RefusedException("no Deployment in " + ns + " has env pointing at Service "
                        + service + " (" + service + ", " + service + "." + ns + ", " + service + "." + ns
                        + ".svc.cluster.local); nothing to re-point, so " + workload + " is not moved"));
        List<AppReference> others = refs.stream().filter(r -> r != app).toList();
        String role = options.role().orElse(RoleNames.fromNamespace(ns));
        if (!RoleNames.valid(role)) {
            throw new InvalidConfigurationException("--role '" + role + "' is not a plain lower-case identifier");
        }
        String database = options.database().orElseGet(() -> RoleNames.valid(src.credentials().database())
                ? src.credentials().database() : RoleNames.fromNamespace(src.credentials().database()));
        Deployment appDeployment = client.apps().deployments().inNamespace(ns).withName(app.workload()).get();
        boolean argo = new ArgoCdDetector(client, "argocd").tracking(appDeployment).isPresent();
        String health = options.healthUrl().orElseGet(() -> HealthUrls.fromReadinessProbe(appDeployment).orElse(""));
        List<Invariant> invariants = tables.tables(src).stream().map(FleetPlanner::rowCount).toList();
        List<String> protectedPvcs = src.untouchedClaims().stream().map(UntouchedClaim::name).toList();
        String pvc = src.dataVolume().claim().name();
        CutoverConfig config = new CutoverConfig(
                new CutoverConfig.Source(ns, workload.name(), service, src.container(), pvc, src.credentials().database()),
                new CutoverConfig.App(ns, app.workload(), app.container(), app.envVar(),
                        app.workload() + "-db-" + into.name(), app.style() == AppReference.Style.URL ? "url" : "host", health),
                new CutoverConfig.Target(into.namespace(), into.name(), database, role),
                invariants,
                new CutoverConfig.GitOps("overlays/" + app.workload() + "/prod", "deployment-patch.yaml",
                        "kustomization.yaml", workload.name() + ".yaml", List.of("pvc.yaml"),
                        "rehome/" + app.workload() + "-to-" + into.name()),
                new CutoverConfig.Retire(Duration.ofDays(7), protectedPvcs),
                new CutoverConfig.Deadlines(Duration.ofMinutes(5), Duration.ofMinutes(60), Duration.ofMinutes(30),
                        Duration.ofMinutes(5)));
        CutoverNames.check(config);
        return new FleetCutover(config, app, others, argo, notes(src, app, Consumer.of(ns, app, others), role, database,
                options, health, invariants, new ConsumerStates(client)));
    }

    /**
     * A Secret or ConfigMap key read through envFrom or a mounted file could only be re-pointed by rewriting that
     * object, which the user owns and rehome never overwrites; moving the rest would strand that workload on the
     * fenced, then retired, database. So the move stops here, before anything changes.
     */
    private static void refuseIndirect(NamespacedName workload, List<AppReference> refs) {
        List<String> indirect = refs.stream().filter(r -> !r.repointable()).map(AppReference::describe).toList();
        if (!indirect.isEmpty()) {
            throw new RefusedException(workload + " is not moved: " + indirect.size() + " place(s) read the database"
                    + " through a Secret or ConfigMap rehome would have to rewrite, and it never rewrites objects it did"
                    + " not create: " + String.join("; ", indirect) + ". Fix: read that value through an env var"
                    + " (env: NAME, valueFrom.secretKeyRef or configMapKeyRef) so rehome can re-point it with the app,"
                    + " or remove it, then plan again. Nothing was changed.");
        }
    }

    private static Invariant rowCount(TableRef t) {
        String name = t.schema().equals("public") ? t.name() : t.schema() + "." + t.name();
        return new Invariant(name, t.schema(), t.name(), Optional.empty());
    }

    private static List<String> notes(SourceDatabase src, AppReference app, List<Consumer> consumers, String role,
                                      String database, FleetOptions options, String health,
                                      List<Invariant> invariants, ConsumerStates states) {
        List<String> out = new ArrayList<>();
        out.add("database '" + src.credentials().database() + "' (" + src.credentials().origins().getOrDefault("database", "default")
                + "), PostgreSQL " + src.majorVersion().map(String::valueOf).orElse("?"));
        out.add("role '" + role + "'" + (options.role().isPresent() ? " (--role)" : " (derived from the namespace)"));
        if (!database.equals(src.credentials().database())) {
            out.add("new database '" + database + "'" + (options.database().isPresent() ? " (--database)"
                    : " (the source's name is not a plain lower-case identifier; pass --database to choose)"));
        }
        out.add("re-point: " + app.describe());
        for (Consumer c : consumers) {
            c.references().forEach(r -> out.add("re-point with the app: " + r.describe()
                    + " (before-image journaled, restored on rollback)"));
            if (!c.app()) {
                out.add("quiesce with the app: " + states.describe(c.ref()));
            }
        }
        out.add("data: PVC " + src.dataVolume().claim().namespace() + "/" + src.dataVolume().claim().name()
                + " mounted at " + src.dataVolume().mountPath() + " (uid " + src.dataVolume().claim().uid() + ")");
        src.untouchedClaims().forEach(u -> out.add("never touched: PVC " + u.name() + " (" + u.reason() + ")"));
        out.add("invariants: exact row counts of " + invariants.size() + " table(s)");
        out.add(health.isEmpty() ? "health: no HTTP readiness probe found; readiness only (pass --health-url to check one)"
                : "health: GET " + health);
        return out;
    }
}
