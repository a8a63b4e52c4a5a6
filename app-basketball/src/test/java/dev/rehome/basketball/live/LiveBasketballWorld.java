package dev.rehome.basketball.live;

import com.sun.net.httpserver.HttpServer;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.network.NetworkReachability;
import dev.rehome.sandbox.SandboxDeploymentsRepo;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.cluster.CnpgRoleReconciler;
import dev.rehome.testkit.fixtures.BasketballFixture;
import dev.rehome.testkit.kube.FakeKubelet;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.Kubeconfig;
import dev.rehome.testkit.kube.PodEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real cluster as the CLI sees it without {@code --sandbox}: an in-process Kubernetes API seeded like the real
 * cluster, the standalone postgres pod played by an embedded server holding the basketball fixture (official
 * image: {@code POSTGRES_USER} basketball is a superuser), the CNPG primary by another with a reconciler creating
 * declared roles and databases, a fake CNPG loop completing Backups, and the app's health endpoint. The databases
 * are reached only through port-forwards; the CLI gets a kubeconfig.
 */
final class LiveBasketballWorld implements AutoCloseable {
    static final String SOURCE_PASSWORD = "sandbox-basketball-pw";

    final InProcessCluster cluster;
    final Path kubeconfig;
    final Path repo;
    final Path journal;
    private final CnpgRoleReconciler reconciler;
    private final HttpServer health;

    private LiveBasketballWorld(InProcessCluster cluster, CnpgRoleReconciler reconciler, HttpServer health,
                                Path kubeconfig, Path repo, Path journal) {
        this.cluster = cluster;
        this.reconciler = reconciler;
        this.health = health;
        this.kubeconfig = kubeconfig;
        this.repo = repo;
        this.journal = journal;
    }

    /** Loads the fixture into {@code source} as the official image would have it; once per pair of servers. */
    static void seedSource(PostgresServer source) {
        seedSource(source, LiveSourceShape.A_OFFICIAL_APP_IS_SUPERUSER);
    }

    /** Loads the fixture into {@code source} with the roles of {@code shape}, dropping what an earlier run left. */
    static void seedSource(PostgresServer source, LiveSourceShape shape) {
        source.execute("postgres", "DROP DATABASE IF EXISTS basketball WITH (FORCE)");
        // A killed run may have left its fence's migration role behind (the fence holds until retire or rollback).
        source.execute("postgres", "DO $$DECLARE r text; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname"
                + " LIKE 'rehome\\_%' LOOP EXECUTE format('DROP ROLE %I', r); END LOOP; END$$");
        source.execute("postgres", "DROP ROLE IF EXISTS basketball");
        source.execute("postgres", "DROP ROLE IF EXISTS " + LiveSourceShape.OWNER);
        BasketballFixture.load(source, BasketballFixture.DATABASE);
        shape.seedRoles(source);
    }

    /** The target without the database and role a run creates. */
    static void clearTarget(PostgresServer target) {
        target.execute("postgres", "DROP DATABASE IF EXISTS basketball WITH (FORCE)");
        target.execute("postgres", "DROP ROLE IF EXISTS basketball");
    }

    static LiveBasketballWorld start(PostgresServer source, PostgresServer target, Path dir, Clock clock)
            throws Exception {
        return start(source, target, dir, clock, LiveSourceShape.A_OFFICIAL_APP_IS_SUPERUSER);
    }

    /** As above, with the postgres Deployment in the image and env of {@code shape} (seed the server alike). */
    static LiveBasketballWorld start(PostgresServer source, PostgresServer target, Path dir, Clock clock,
                                     LiveSourceShape shape) throws Exception {
        InProcessCluster cluster = InProcessCluster.start();
        List<AutoCloseable> opened = new ArrayList<>(List.of(cluster));
        try {
            CnpgRoleReconciler reconciler = new CnpgRoleReconciler(cluster.client(), "postgres", "pal-e-postgres", target);
            opened.add(reconciler);
            HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            health.createContext("/health", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            health.start();
            opened.add(() -> health.stop(0));
            ClusterSeeds.files().forEach(f -> cluster.apply(ClusterSeeds.open(f, clock)));
            KubernetesClient client = cluster.client();
            client.pods().inNamespace("basketball-api").delete();
            shape.applyTo(client);
            FakeKubelet kubelet = cluster.startKubelet(clock);
            PodEnvironment sourcePod = shape.podEnvironment(source);
            kubelet.bindPodsOf("basketball-api", "postgres", sourcePod);
            cluster.bindPod("postgres", "pal-e-postgres-1", PodEnvironment.postgres(target));
            // The app's pods after the scale-up answer the default in-cluster health URL's port.
            kubelet.bindPodsOf("basketball-api", "basketball-api", PodEnvironment.empty().withPort(8000, health.getAddress()));
            cluster.startCnpgOperator(clock).serveCluster("postgres", "pal-e-postgres", target);
            reconciler.start(Duration.ofMillis(200));
            // The kubelet may have created the pod before bindPodsOf took effect.
            cluster.bindPod("basketball-api", cluster.awaitPod("basketball-api", "app", "postgres"), sourcePod);
            return new LiveBasketballWorld(cluster, reconciler, health, Kubeconfig.write(dir, cluster.masterUrl()),
                    SandboxDeploymentsRepo.create(dir.resolve("deployments")), dir.resolve("journal"));
        } catch (Exception | Error e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
            throw e;
        }
    }

    /** Applies the NetworkPolicy preflight asks for: the seeded one does not admit basketball-api. */
    void admitApp() {
        cluster.client().resource(NetworkReachability.allowIngress(NamespacedName.parse("postgres/pal-e-postgres"),
                "basketball-api")).create();
    }

    /**
     * {@code command} with the kubeconfig, the journal directory and {@code extra}; TLS to the target disabled,
     * because the embedded server playing pal-e-postgres has none (TargetTlsIT proves verify-full).
     */
    String[] args(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--kubeconfig", kubeconfig.toString(),
                "--journal-dir", journal.toString(), "--target-tls", "disable"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** {@code args} without the {@code --target-tls disable} that {@link #args} adds: the default, verify-full. */
    static String[] withoutTlsOptOut(String[] args) {
        List<String> out = new ArrayList<>(List.of(args));
        int at = out.indexOf("--target-tls");
        out.remove(at + 1);
        out.remove(at);
        return out.toArray(String[]::new);
    }

    /** {@code migrate} as a platform engineer runs it against this cluster. */
    String[] migrate(String... extra) {
        List<String> args = new ArrayList<>(List.of("--yes", "--engine", "jdbc-direct", "--gitops-dir", repo.toString()));
        args.addAll(List.of(extra));
        return args("migrate", args.toArray(String[]::new));
    }

    KubernetesClient client() {
        return cluster.client();
    }

    /** What a run of the CLI in this JVM printed, and its exit code. */
    record Run(int code, String out, String err) {
    }

    /** Runs {@code rehome-basketball} in this JVM with captured streams, logging into {@code dir}. */
    static Run run(Path dir, Clock clock, String[] args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = dev.rehome.basketball.cli.BasketballMain.run(args,
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), clock,
                dir.resolve("rehome.log"));
        return new Run(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        health.stop(0);
        reconciler.close();
        cluster.close();
    }
}
