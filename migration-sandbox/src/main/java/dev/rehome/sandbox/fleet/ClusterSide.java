package dev.rehome.sandbox.fleet;

import dev.rehome.core.cutover.Backups;
import dev.rehome.core.cutover.NetworkVerdict;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.core.Identifiers;
import dev.rehome.core.Secret;
import dev.rehome.cutover.fleet.AppReference;
import dev.rehome.cutover.fleet.FleetCutover;
import dev.rehome.testkit.PostgresServer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Seeds the basketball sandbox's in-memory cluster with what one derived cutover touches, shaped as the seeds
 * describe it: the app and postgres Deployments, the Service, the data PVC and the protected ones, and the app's
 * env (a URL in a Secret, or host/user/password/name vars) pointing at the Service, with the source's app login.
 * Seeding is once per namespace. Thread-safe.
 */
final class ClusterSide {
    private final InMemoryCluster cluster;
    private final SandboxDns dns;
    private final Set<String> seeded = new HashSet<>();

    ClusterSide(InMemoryCluster cluster, SandboxDns dns, Clock clock) {
        this.cluster = cluster;
        this.dns = dns;
        cluster.network(new NetworkVerdict(true, "admitted: NetworkPolicy in postgres lets the app namespaces reach "
                + "pal-e-postgres on 5432 (sandbox)", "", ""));
        Instant next = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC);
        cluster.schedule(new Backups.Schedule("pal-e-postgres-daily", "0 0 2 * * *", false, Optional.of(next)));
    }

    static String rwService(String cluster) {
        return cluster + "-rw";
    }

    InMemoryCluster cluster() {
        return cluster;
    }

    synchronized void seed(FleetCutover c, StandaloneApp app, PostgresServer source) {
        CutoverConfig cfg = c.config();
        String ns = cfg.source().namespace();
        if (!seeded.add(ns)) {
            return;
        }
        Secret password = Secret.of(UUID.randomUUID().toString());
        source.createLoginRole(app.appUser(), password, app.database());
        String role = Identifiers.literal(app.appUser());
        source.execute(app.database(), "DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_catalog.pg_namespace "
                + "WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP EXECUTE format("
                + "'GRANT USAGE ON SCHEMA %1$I TO %2$I; GRANT ALL ON ALL TABLES IN SCHEMA %1$I TO %2$I; "
                + "GRANT ALL ON ALL SEQUENCES IN SCHEMA %1$I TO %2$I', s, " + role + "); END LOOP; END $$");
        dns.service(cfg.source().service(), ns, 5432, new SandboxDns.Address(source.host(), source.port()));
        WorkloadRef appRef = new WorkloadRef(ns, cfg.app().deployment());
        WorkloadRef pg = new WorkloadRef(ns, cfg.source().deployment());
        cluster.addDeployment(appRef, 1, c.argoManaged());
        cluster.addDeployment(pg, 1, false);
        cluster.addService(ns, cfg.source().service());
        cluster.addPvc(pvc(ns, cfg.source().pvc(), "2Gi"), pg, "Delete");
        cfg.retire().protectedPvcs().forEach(p -> cluster.addPvc(pvc(ns, p, "5Gi"), appRef, "Delete"));
        cluster.put(ns, "postgres-credentials", Map.of("POSTGRES_USER", Secret.of(app.appUser()), "POSTGRES_PASSWORD", password));
        Map<String, InMemoryCluster.EnvDef> parts = Map.of(
                "user", new InMemoryCluster.EnvDef(null, "postgres-credentials", "POSTGRES_USER"),
                "password", new InMemoryCluster.EnvDef(null, "postgres-credentials", "POSTGRES_PASSWORD"),
                "dbname", new InMemoryCluster.EnvDef(app.database(), null, null),
                "port", new InMemoryCluster.EnvDef("5432", null, null));
        String literalUrl = "postgresql://" + app.appUser() + ":" + password.reveal() + "@" + cfg.source().service()
                + ":5432/" + app.database();
        // The other workloads the move re-points with the app, as the cluster has them.
        for (AppReference o : c.otherReferences()) {
            WorkloadRef r = new WorkloadRef(WorkloadRef.Kind.of(o.kind()), ns, o.workload());
            if (!o.repointable() || r.equals(appRef)) {
                continue;
            }
            if (!cluster.exists(r)) {
                cluster.addDeployment(r, 1, false);
            }
            cluster.setEnv(r, o.container(), o.envVar(), new InMemoryCluster.EnvDef(
                    o.style() == AppReference.Style.URL ? literalUrl : cfg.source().service(), null, null));
            o.companions().forEach((part, var) -> cluster.setEnv(r, o.container(), var, parts.get(part)));
        }
        String container = cfg.app().container();
        AppReference ref = c.app();
        if (ref.style() == AppReference.Style.URL) {
            String url = "postgresql://" + app.appUser() + ":" + password.reveal() + "@" + cfg.source().service() + ":5432/"
                    + app.database();
            cluster.put(ns, ns + "-secrets", Map.of("database-url", Secret.of(url)));
            cluster.setEnv(appRef, container, ref.envVar(), new InMemoryCluster.EnvDef(null, ns + "-secrets", "database-url"));
            return;
        }
        cluster.setEnv(appRef, container, ref.envVar(), new InMemoryCluster.EnvDef(cfg.source().service(), null, null));
        ref.companions().forEach((part, var) -> cluster.setEnv(appRef, container, var, parts.get(part)));
    }

    private static InMemoryCluster.Pvc pvc(String ns, String name, String size) {
        String uid = UUID.nameUUIDFromBytes(("fleet-sandbox/" + ns + "/" + name).getBytes()).toString();
        return new InMemoryCluster.Pvc(ns, name, uid, "4711", "pvc-" + uid, "local-path", size);
    }
}
