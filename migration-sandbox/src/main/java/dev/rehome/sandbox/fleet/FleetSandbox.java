package dev.rehome.sandbox.fleet;

import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.HttpHealthCheck;
import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.sandbox.LocalDatabases;
import dev.rehome.sandbox.LocalLock;
import dev.rehome.sandbox.SandboxDeploymentsRepo;
import dev.rehome.cutover.steps.SqlProvisioner;
import dev.rehome.core.FileJournal;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.cutover.fleet.FleetCutover;
import dev.rehome.cutover.LocalEngines;
import dev.rehome.cutover.fleet.FleetWorld;
import dev.rehome.cutover.fleet.JdbcTableCatalog;
import dev.rehome.cutover.fleet.OptionalHealthCheck;
import dev.rehome.cutover.fleet.TableCatalog;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole fleet on one machine: the seeded API (audit, discovery), a PostgreSQL 15 per standalone app loaded
 * with its fixture, a PostgreSQL 17 playing pal-e-postgres, the in-memory cluster the cutovers change, stand-in
 * apps for the health checks, and a throwaway deployments repo for the ArgoCD-managed basketball-api.
 * Thread-safe for concurrent cutovers of different apps. Close to stop everything.
 */
public final class FleetSandbox implements FleetWorld {
    public static final int TARGET_MAJOR = 17;

    private final SeededApi api;
    private final PostgresServer target;
    private final Map<String, PostgresServer> sources;
    private final Map<String, StandaloneApp> apps;
    private final ClusterSide side;
    private final StandInApps standIns;
    private final Path deploymentsRepo;
    private final FileJournal journal;
    private final LocalLock lock;
    private final Clock clock;

    private FleetSandbox(SeededApi api, PostgresServer target, Map<String, PostgresServer> sources,
                         Map<String, StandaloneApp> apps, Path workDir, Clock clock) {
        this.api = api;
        this.target = target;
        this.sources = sources;
        this.apps = apps;
        this.clock = clock;
        InMemoryCluster cluster = new InMemoryCluster(clock);
        SandboxDns dns = new SandboxDns();
        this.side = new ClusterSide(cluster, dns, clock);
        this.standIns = new StandInApps(cluster, dns);
        this.deploymentsRepo = SandboxDeploymentsRepo.create(workDir.resolve("deployments"));
        this.journal = new FileJournal(workDir.resolve("journal"));
        this.lock = new LocalLock(clock);
        dns.service(ClusterSide.rwService("pal-e-postgres"), "postgres", 5432,
                new SandboxDns.Address(target.host(), target.port()));
    }

    /** Starts the servers (about 4 of them) and loads the fixtures; the work directory holds journal and repo. */
    public static FleetSandbox start(Path workDir, Clock clock) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            SeededApi api = SeededApi.start(clock);
            started.add(api);
            PostgresServer target = PostgresServers.start(TARGET_MAJOR);
            started.add(target);
            Map<String, PostgresServer> sources = new LinkedHashMap<>();
            Map<String, StandaloneApp> apps = new LinkedHashMap<>();
            for (StandaloneApp app : StandaloneApp.all()) {
                PostgresServer source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
                started.add(source);
                app.load(source);
                sources.put(app.namespace(), source);
                apps.put(app.namespace(), app);
            }
            return new FleetSandbox(api, target, sources, apps, workDir, clock);
        } catch (RuntimeException e) {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    @Override
    public KubernetesClient client() {
        return api.client();
    }

    @Override
    public TableCatalog tables() {
        return new JdbcTableCatalog(src -> source(src.workload().namespace()).endpoint(src.credentials().database()));
    }

    @Override
    public synchronized FleetCutover prepare(FleetCutover derived) {
        String ns = derived.config().source().namespace();
        StandaloneApp app = app(ns);
        side.seed(derived, app, source(ns));
        FleetCutover ready = new FleetCutover(derived.config().withHealthUrl(standIns.register(derived)), derived.app(),
                derived.otherReferences(), derived.argoManaged(), derived.notes());
        standIns.register(ready);
        return ready;
    }

    @Override
    public CutoverPorts ports(FleetCutover cutover) {
        String ns = cutover.config().source().namespace();
        // The app gets the target's in-cluster read-write Service address, which the sandbox DNS maps back.
        LocalDatabases databases = new LocalDatabases(source(ns).endpoint(cutover.config().source().database()),
                app(ns).appUser(), target.endpoint("postgres")).withAppHost(
                ClusterSide.rwService(cutover.config().target().cluster()) + "." + cutover.config().target().namespace()
                        + ".svc.cluster.local").withTargetOnThisMachine();
        InMemoryCluster c = side.cluster();
        return new CutoverPorts(c, c, c, c, c, databases, new SqlProvisioner(databases), lock, LocalEngines.catalog(clock),
                LocalEngines.verifier(cutover.config().target().role()), new OptionalHealthCheck(new HttpHealthCheck(clock,
                d -> Thread.sleep(d.toMillis()), Duration.ofMillis(200))), journal);
    }

    @Override
    public Optional<Path> gitopsDir(FleetCutover cutover) {
        return cutover.argoManaged() ? Optional.of(deploymentsRepo) : Optional.empty();
    }

    @Override
    public String retryHint() {
        return "java -jar app-fleet/target/rehome-fleet.jar migrate --all-uncovered --into postgres/pal-e-postgres --sandbox";
    }

    public InMemoryCluster cluster() {
        return side.cluster();
    }

    public PostgresServer target() {
        return target;
    }

    public PostgresServer source(String namespace) {
        PostgresServer s = sources.get(namespace);
        if (s == null) {
            throw new InvalidConfigurationException("the sandbox has no standalone database in namespace '" + namespace
                    + "'; it has " + sources.keySet());
        }
        return s;
    }

    private StandaloneApp app(String namespace) {
        source(namespace);
        return apps.get(namespace);
    }

    @Override
    public void close() {
        standIns.close();
        List<AutoCloseable> all = new ArrayList<>(sources.values());
        all.add(target);
        all.add(api);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping the rest matters more than one server that would not stop
            }
        }
    }
}
