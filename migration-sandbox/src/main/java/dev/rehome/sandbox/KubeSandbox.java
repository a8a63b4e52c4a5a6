package dev.rehome.sandbox;

import dev.rehome.kubectl.backup.RestoreProver;
import dev.rehome.kubectl.backup.ScratchPolicy;
import dev.rehome.kubectl.cutover.KubeRestoreProofs;
import dev.rehome.core.cutover.CopyEngines;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.HttpHealthCheck;
import dev.rehome.kubectl.safety.MirroredJournal;
import dev.rehome.kubectl.cutover.KubernetesPorts;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.cutover.steps.SqlProvisioner;
import dev.rehome.core.FileJournal;
import dev.rehome.core.Secret;
import dev.rehome.core.Verifier;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.network.NetworkReachability;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.kubectl.safety.ConfigMapJournal;
import dev.rehome.kubectl.safety.LeaseLock;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.kube.FakeKubelet;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.PodEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The sandbox on an in-process Kubernetes API seeded like the real cluster (ClusterSeeds): a fake kubelet runs
 * the Deployments' pods, a fake CNPG operator completes Backups, and the cutover's cluster ports are the real
 * Kubernetes adapters. The databases are the embedded servers, reached directly. Preflight would refuse the real
 * cluster's NetworkPolicy (it does not admit basketball-api), so the sandbox first applies the policy preflight
 * asks for, and says so. Close to stop everything.
 */
public final class KubeSandbox implements AutoCloseable {
    private final PostgresServer source;
    private final PostgresServer target;
    private final boolean ownsServers;
    private final InProcessCluster cluster;
    private final SandboxApp app;
    private final Path deploymentsRepo;
    private final Path journalDir;
    private final Clock clock;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rehome-lease-renewer");
        t.setDaemon(true);
        return t;
    });

    private KubeSandbox(PostgresServer source, PostgresServer target, boolean ownsServers, InProcessCluster cluster,
                        SandboxApp app, Path deploymentsRepo, Path journalDir, Clock clock) {
        this.source = source;
        this.target = target;
        this.ownsServers = ownsServers;
        this.cluster = cluster;
        this.app = app;
        this.deploymentsRepo = deploymentsRepo;
        this.journalDir = journalDir;
        this.clock = clock;
    }

    public static KubeSandbox start(Path workDir, Clock clock, Consumer<String> notices) {
        return start(workDir, clock, notices, 0);
    }

    /** As {@link #start(Path, Clock, Consumer)}, with {@code extraMegabytes} of rows more in the source ({@link SandboxBulk}). */
    public static KubeSandbox start(Path workDir, Clock clock, Consumer<String> notices, long extraMegabytes) {
        KubeSandbox sandbox = start(workDir, clock, notices, PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR));
        try {
            if (extraMegabytes > 0) {
                notices.accept("sandbox: adding about " + extraMegabytes + " MiB of rows to the source (table "
                        + SandboxBulk.TABLE + ")");
                SandboxBulk.fill(sandbox.source, SeededCluster.config().source().database(), Sandbox.APP_ROLE, extraMegabytes);
            }
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    private static KubeSandbox start(Path workDir, Clock clock, Consumer<String> notices, PostgresServer source) {
        PostgresServer target = null;
        try {
            target = PostgresServers.start(17);
            return prepare(source, target, workDir, clock, notices, true);
        } catch (RuntimeException e) {
            source.close();
            if (target != null) {
                target.close();
            }
            throw e;
        }
    }

    public static KubeSandbox prepare(PostgresServer source, PostgresServer target, Path workDir, Clock clock,
                                      Consumer<String> notices) {
        return prepare(source, target, workDir, clock, notices, false);
    }

    private static KubeSandbox prepare(PostgresServer source, PostgresServer target, Path workDir, Clock clock,
                                       Consumer<String> notices, boolean ownsServers) {
        CutoverConfig d = SeededCluster.config();
        Secret appPassword = Sandbox.prepareDatabases(SeededCluster.config(), source, target);
        InProcessCluster cluster = InProcessCluster.start();
        try {
            KubernetesClient client = cluster.client();
            // Seeded backups are dated relative to the clock the world runs on, so they are as recent on any date.
            ClusterSeeds.files().forEach(f -> cluster.apply(ClusterSeeds.open(f, clock)));
            // Seeded pods are static; the fake kubelet runs the Deployments' pods from now on.
            client.pods().inNamespace(d.app().namespace()).delete();
            FakeKubelet kubelet = cluster.startKubelet(clock);
            kubelet.bindPodsOf(d.source().namespace(), d.source().deployment(), PodEnvironment.postgres(source));
            // Backups of pal-e-postgres are real base backups of the target server, so a restore proof restores one
            // (into a server without TLS, like every server of the sandbox).
            cluster.startCnpgOperator(clock).withoutCertificates()
                    .serveCluster(d.target().namespace(), d.target().cluster(), target);
            pointAppAtSource(client, d, source, appPassword);
            var policy = NetworkReachability.allowIngress(new NamespacedName(d.target().namespace(), d.target().cluster()),
                    d.app().namespace());
            client.resource(policy).create();
            notices.accept("sandbox: applied NetworkPolicy " + d.target().namespace() + "/" + policy.getMetadata().getName()
                    + ", which preflight asks for because the seeded policy does not admit " + d.app().namespace());
            SandboxApp app = new SandboxApp(() -> appUrl(client, d));
            Path repo = SandboxDeploymentsRepo.create(workDir.resolve("deployments"));
            return new KubeSandbox(source, target, ownsServers, cluster, app, repo, workDir.resolve("journal"), clock);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static void pointAppAtSource(KubernetesClient client, CutoverConfig d, PostgresServer source, Secret pw) {
        var secret = client.secrets().inNamespace(d.app().namespace()).withName("basketball-api-secrets").get();
        secret.getData().put("database-url", java.util.Base64.getEncoder().encodeToString(
                Sandbox.sourceUrl(SeededCluster.config(), source, pw).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        client.resource(secret).update();
    }

    /** What the app's pods would read: empty without ready pods, else the URL its env var resolves to. */
    private static Optional<String> appUrl(KubernetesClient client, CutoverConfig d) {
        var deployment = client.apps().deployments().inNamespace(d.app().namespace()).withName(d.app().deployment()).get();
        if (deployment == null || Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1) == 0) {
            return Optional.empty();
        }
        var env = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(d.app().container())).flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getName().equals(d.app().envVar())).findFirst();
        if (env.isEmpty()) {
            return Optional.empty();
        }
        if (env.get().getValue() != null) {
            return Optional.of(env.get().getValue());
        }
        var ref = env.get().getValueFrom().getSecretKeyRef();
        var secret = client.secrets().inNamespace(d.app().namespace()).withName(ref.getName()).get();
        return Optional.ofNullable(secret).map(s -> s.getData().get(ref.getKey()))
                .map(v -> new String(java.util.Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8));
    }

    public CutoverConfig config() {
        return SeededCluster.config().withHealthUrl(app.healthUrl());
    }

    public CutoverPorts ports(CopyEngines engines, Verifier verifier) {
        return ports(engines, verifier, UnaryOperator.identity());
    }

    /** {@link #ports(CopyEngines, Verifier)} with the databases adjusted, e.g. to the logins of a source shape. */
    public CutoverPorts ports(CopyEngines engines, Verifier verifier, UnaryOperator<LocalDatabases> adjust) {
        KubernetesPorts k = KubernetesPorts.over(cluster.client(), clock, Sleeper.system());
        LocalDatabases databases = adjust.apply(new LocalDatabases(source.endpoint(SeededCluster.config().source().database()),
                Sandbox.APP_ROLE, target.endpoint("postgres")).withTargetOnThisMachine());
        return new CutoverPorts(k.workloads(), k.secrets(), k.volumes(), k.backups(), k.network(), databases,
                new SqlProvisioner(databases), new LeaseLock(cluster.client(), SeededCluster.config().target().namespace(),
                clock, renewer), engines, verifier,
                new HttpHealthCheck(clock, t -> Thread.sleep(t.toMillis()), Duration.ofMillis(200)),
                new MirroredJournal(new FileJournal(journalDir), new ConfigMapJournal(cluster.client(),
                        SeededCluster.config().target().namespace(), KubeRetry.standard())))
                // no TLS, as towards the sandbox's target (its servers are plain)
                .withRestoreProofs(new KubeRestoreProofs(new RestoreProver(cluster.client(), clock, Sleeper.system(),
                        ScratchPolicy.defaults(), TlsMode.DISABLE), new NamespacedName(SeededCluster.config().target().namespace(),
                        SeededCluster.config().target().cluster()), verifier));
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    public Path deploymentsRepo() {
        return deploymentsRepo;
    }

    public PostgresServer source() {
        return source;
    }

    public PostgresServer target() {
        return target;
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        app.close();
        cluster.close();
        if (ownsServers) {
            try {
                source.close();
            } finally {
                target.close();
            }
        }
    }

}
