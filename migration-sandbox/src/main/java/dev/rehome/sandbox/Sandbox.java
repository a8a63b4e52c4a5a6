package dev.rehome.sandbox;

import dev.rehome.core.cutover.Backups;
import dev.rehome.core.cutover.CopyEngines;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.HttpHealthCheck;
import dev.rehome.core.cutover.NetworkVerdict;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.cutover.steps.SqlProvisioner;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.FileJournal;
import dev.rehome.core.Identifiers;
import dev.rehome.core.Secret;
import dev.rehome.core.Verifier;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The whole world of the cutover on one machine: the standalone basketball-api postgres as an embedded
 * PostgreSQL 15 (the local pg_dump's major) loaded with the basketball fixture, pal-e-postgres as an embedded
 * PostgreSQL 17, the cluster's objects seeded like the real cluster (both namespaces, both Deployments,
 * postgres-data and photo-uploads, the ArgoCD-managed app, a daily ScheduledBackup), a throwaway deployments
 * repo, and the app's health endpoint. Close to stop everything.
 */
public final class Sandbox implements AutoCloseable {
    public static final String APP_ROLE = "basketball";

    private final CutoverConfig config;
    private final PostgresServer source;
    private final PostgresServer target;
    private final InMemoryCluster cluster;
    private final SandboxApp app;
    private final Path deploymentsRepo;
    private final Path journalDir;
    private final Clock clock;
    private final boolean ownsServers;

    private Sandbox(CutoverConfig config, PostgresServer source, PostgresServer target, InMemoryCluster cluster,
                    SandboxApp app, Path deploymentsRepo, Path journalDir, Clock clock, boolean ownsServers) {
        this.config = config;
        this.ownsServers = ownsServers;
        this.source = source;
        this.target = target;
        this.cluster = cluster;
        this.app = app;
        this.deploymentsRepo = deploymentsRepo;
        this.journalDir = journalDir;
        this.clock = clock;
    }

    /** Starts both servers and prepares the world on them; {@link #close()} stops them. */
    public static Sandbox start(Path workDir, Clock clock) {
        return start(workDir, clock, SeededCluster.config());
    }

    /**
     * The same world for another app's move: {@code config}'s names for the objects, the basketball fixture as its
     * data, the app not managed by ArgoCD unless it is basketball-api's (the only overlay the sandbox repo holds).
     */
    public static Sandbox start(Path workDir, Clock clock, CutoverConfig config) {
        PostgresServer source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        PostgresServer target = null;
        try {
            target = PostgresServers.start(17);
            return prepare(config, source, target, workDir, clock, true);
        } catch (RuntimeException e) {
            source.close();
            if (target != null) {
                target.close();
            }
            throw e;
        }
    }

    /**
     * Prepares a fresh world on servers the caller owns (tests share two servers across cases): the fixture
     * reloaded into the source, the target without the basketball database and role, a new cluster and repo.
     */
    public static Sandbox prepare(PostgresServer source, PostgresServer target, Path workDir, Clock clock) {
        return prepare(SeededCluster.config(), source, target, workDir, clock, false);
    }

    private static Sandbox prepare(CutoverConfig d, PostgresServer source, PostgresServer target, Path workDir,
                                   Clock clock, boolean ownsServers) {
        Secret appPassword = prepareDatabases(d, source, target);
        InMemoryCluster cluster = seed(d, clock, source, appPassword);
        WorkloadRef appRef = new WorkloadRef(d.app().namespace(), d.app().deployment());
        SandboxApp app = SandboxApp.over(cluster, appRef, d.app().container(), d.app().envVar());
        Path repo = SandboxDeploymentsRepo.create(workDir.resolve("deployments"));
        return new Sandbox(d, source, target, cluster, app, repo, workDir.resolve("journal"), clock, ownsServers);
    }

    /** The fixture reloaded into the source with the app's login role; the target without our database and role. */
    static Secret prepareDatabases(CutoverConfig d, PostgresServer source, PostgresServer target) {
        String db = Identifiers.quote(d.source().database());
        source.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE); DROP ROLE IF EXISTS "
                + Identifiers.quote(APP_ROLE));
        target.execute("postgres", "DROP DATABASE IF EXISTS " + Identifiers.quote(d.target().database())
                + " WITH (FORCE); DROP ROLE IF EXISTS " + Identifiers.quote(d.target().role()));
        BasketballFixture.load(source, d.source().database());
        Secret appPassword = Secret.of(UUID.randomUUID().toString());
        source.createLoginRole(APP_ROLE, appPassword, d.source().database());
        source.execute(d.source().database(), "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + Identifiers.quote(APP_ROLE)
                + "; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + Identifiers.quote(APP_ROLE));
        return appPassword;
    }

    /** The URL the app uses on the source, password included (it lives only in the sandbox's Secret). */
    static String sourceUrl(CutoverConfig d, PostgresServer source, Secret appPassword) {
        return "postgresql://" + APP_ROLE + ":" + appPassword.reveal() + "@" + source.host() + ":" + source.port() + "/"
                + d.source().database();
    }

    private static InMemoryCluster seed(CutoverConfig d, Clock clock, PostgresServer source, Secret appPassword) {
        InMemoryCluster c = new InMemoryCluster(clock);
        WorkloadRef app = new WorkloadRef(d.app().namespace(), d.app().deployment());
        WorkloadRef pg = new WorkloadRef(d.source().namespace(), d.source().deployment());
        c.addDeployment(app, 1, d.equals(SeededCluster.config()));
        c.addDeployment(pg, 1, false);
        c.addService(d.source().namespace(), d.source().service());
        String secrets = d.app().deployment() + "-secrets";
        c.put(d.app().namespace(), secrets, Map.of("database-url", Secret.of(sourceUrl(d, source, appPassword))));
        c.setEnv(app, d.app().container(), d.app().envVar(), new InMemoryCluster.EnvDef(null, secrets, "database-url"));
        c.addPvc(new InMemoryCluster.Pvc(d.source().namespace(), d.source().pvc(), uid(d.source().pvc()), "4711",
                "pvc-" + uid(d.source().pvc()), "local-path", "2Gi"), pg, "Delete");
        for (String kept : d.retire().protectedPvcs()) {
            c.addPvc(new InMemoryCluster.Pvc(d.app().namespace(), kept, uid(kept), "4712", "pvc-" + uid(kept),
                    "local-path", "5Gi"), app, "Delete");
        }
        c.network(new NetworkVerdict(true, "admitted: NetworkPolicy " + d.target().namespace() + "/allow-"
                + d.app().namespace() + " lets pods of namespace " + d.app().namespace() + " reach "
                + d.target().cluster() + " on 5432 (sandbox: applied as preflight would suggest)", "", ""));
        Instant next = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC);
        c.schedule(new Backups.Schedule(d.target().cluster() + "-daily", "0 0 2 * * *", false, Optional.of(next)));
        return c;
    }

    private static String uid(String name) {
        return UUID.nameUUIDFromBytes(("sandbox/" + name).getBytes()).toString();
    }

    public CutoverConfig config() {
        return config.withHealthUrl(app.healthUrl());
    }

    public CutoverPorts ports(CopyEngines engines, Verifier verifier) {
        LocalDatabases databases = new LocalDatabases(source.endpoint(config.source().database()),
                APP_ROLE, target.endpoint("postgres")).withTargetOnThisMachine();
        return new CutoverPorts(cluster, cluster, cluster, cluster, cluster, databases, new SqlProvisioner(databases),
                new LocalLock(clock), engines, verifier,
                new HttpHealthCheck(clock, d -> Thread.sleep(d.toMillis()), Duration.ofMillis(200)),
                new FileJournal(journalDir));
    }

    public InMemoryCluster cluster() {
        return cluster;
    }

    public PostgresServer source() {
        return source;
    }

    public PostgresServer target() {
        return target;
    }

    public Path deploymentsRepo() {
        return deploymentsRepo;
    }

    public DatabaseEndpoint sourceEndpoint() {
        return source.endpoint(config.source().database());
    }

    @Override
    public void close() {
        app.close();
        if (!ownsServers) {
            return;
        }
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
