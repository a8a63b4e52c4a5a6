package dev.rehome.cutover.live;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.FileJournal;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.Verifier;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.CutoverNames;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.HttpHealthCheck;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.jdbc.tls.TlsProbe;
import dev.rehome.kubectl.KubeBackend;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.backup.RestoreProver;
import dev.rehome.kubectl.backup.ScratchPolicy;
import dev.rehome.kubectl.cutover.CnpgTargetProvisioner;
import dev.rehome.kubectl.cutover.ForwardedDatabases;
import dev.rehome.kubectl.cutover.ForwardedSource;
import dev.rehome.kubectl.cutover.KubeRestoreProofs;
import dev.rehome.kubectl.cutover.KubernetesPorts;
import dev.rehome.kubectl.cutover.ServiceHealthCheck;
import dev.rehome.kubectl.cutover.SourceLogins;
import dev.rehome.kubectl.discovery.AppConnectionLogin;
import dev.rehome.kubectl.discovery.TargetCluster;
import dev.rehome.kubectl.portforward.PodPortForward;
import dev.rehome.kubectl.provision.SqlConsole;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.kubectl.safety.MirroredJournal;
import dev.rehome.kubectl.tls.TargetTls;
import dev.rehome.kubectl.workload.EditPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The cutover's world on a real cluster: source and target discovered from the configuration, a loopback
 * port-forward to each server's 5432, and the ports over them. Close to stop the forwards, the lease renewer
 * and the client.
 */
public final class LiveCluster implements AutoCloseable {
    private static final int POSTGRES_PORT = 5432;

    private final KubernetesClient client;
    private final KubeBackend kube;
    private final CutoverConfig config;
    private final ForwardedSource source;
    private final TargetCluster target;
    private final Clock clock;
    private final List<AutoCloseable> opened;
    private final PodPortForward targetForward;
    private final TargetTls tls;

    private LiveCluster(KubernetesClient client, KubeBackend kube, CutoverConfig config, ForwardedSource source,
                        TargetCluster target, Clock clock, List<AutoCloseable> opened, PodPortForward targetForward,
                        TargetTls tls) {
        this.client = client;
        this.kube = kube;
        this.config = config;
        this.source = source;
        this.target = target;
        this.clock = clock;
        this.opened = opened;
        this.targetForward = targetForward;
        this.tls = tls;
    }

    /** Takes ownership of {@code client}: closing this closes it, also when opening fails. TLS: verify-full. */
    public static LiveCluster open(KubernetesClient client, CutoverConfig config, Clock clock) {
        return open(client, config, clock, TlsMode.VERIFY_FULL);
    }

    /** As {@link #open(KubernetesClient, CutoverConfig, Clock)} with the TLS the user chose for the target. */
    public static LiveCluster open(KubernetesClient client, CutoverConfig config, Clock clock, TlsMode tls) {
        return open(client, config, clock, tls, true);
    }

    /**
     * Leaves {@code client} open on close: for a caller that runs several cutovers over one client (the fleet) and
     * closes it itself. TLS: verify-full.
     */
    public static LiveCluster borrowing(KubernetesClient client, CutoverConfig config, Clock clock) {
        return borrowing(client, config, clock, TlsMode.VERIFY_FULL);
    }

    public static LiveCluster borrowing(KubernetesClient client, CutoverConfig config, Clock clock, TlsMode tls) {
        return open(client, config, clock, tls, false);
    }

    private static LiveCluster open(KubernetesClient client, CutoverConfig config, Clock clock, TlsMode tlsMode,
                                    boolean ownsClient) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tlsMode, "tlsMode");
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rehome-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        List<AutoCloseable> opened = new ArrayList<>();
        if (ownsClient) {
            opened.add(client);
        }
        opened.add(renewer::shutdownNow);
        try {
            KubeBackend kube = KubeBackend.builder(client).clock(clock).editPolicy(EditPolicy.ALLOW_ARGOCD_DRIFT)
                    .leaseRenewer(renewer).build();
            ForwardedSource source = new ForwardedSource(client, kube.sources(),
                    new NamespacedName(config.source().namespace(), config.source().deployment()));
            opened.add(0, source);
            TargetCluster target = kube.targets().discover(
                    new NamespacedName(config.target().namespace(), config.target().cluster()));
            // Before the forward and before any step: a target whose CA cannot be read is refused with nothing changed.
            TargetTls tls = TargetTls.open(client, tlsMode, target.cluster(), target.writeService());
            opened.add(0, tls);
            String primary = target.primaryPod().orElseThrow(() -> new RefusedException("CNPG Cluster "
                    + target.cluster() + " has no primary pod; wait until it is healthy and rerun"));
            PodPortForward targetForward = PodPortForward.open(client, config.target().namespace(), primary, POSTGRES_PORT);
            opened.add(0, targetForward);
            refuseUnverifiedTarget(tls, targetForward);
            return new LiveCluster(client, kube, config, source, target, clock, opened, targetForward, tls);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * S-2: the target proves itself before the first step, so a wrong CA or a certificate for another name is a
     * refusal with nothing changed instead of a failure halfway (after a role was provisioned, say).
     */
    private static void refuseUnverifiedTarget(TargetTls tls, PodPortForward forward) {
        if (!tls.mode().verifies()) {
            return;
        }
        DatabaseEndpoint probe = DatabaseEndpoint.of(forward.host(), forward.localPort(), "postgres", "rehome",
                Secret.empty()).withOptions(tls.options());
        new TlsProbe(new PgConnector()).failure(probe).ifPresent(why -> {
            throw new RefusedException(why + "; nothing was changed. If this is the right cluster, its CA Secret or "
                    + "server certificate is not what CNPG made; opt out only knowingly with " + TargetTls.FLAG
                    + "=require");
        });
    }

    /** What was found, for notices; no secrets. */
    public String describe() {
        return target.describe().strip() + "\n  through " + targetForward.describe() + "\n  " + tls.describe() + "\n"
                + source.describe();
    }

    public CutoverPorts ports(Verifier verifier, Path journalDir) {
        KubernetesPorts k = KubernetesPorts.over(client, clock, Sleeper.system());
        // The cutover keeps the role's password in this Secret (see Cutover#roleSecret).
        String roleSecret = Cutover.roleSecret(config);
        String targetNamespace = config.target().namespace();
        SqlConsole console = kube.sqlConsole(target);
        SourceLogins logins = new SourceLogins(source::database, new AppConnectionLogin(client),
                new NamespacedName(config.app().namespace(), config.app().deployment()), config.app().container(),
                config.app().envVar());
        ForwardedDatabases databases = new ForwardedDatabases(source::endpoint, logins::appRole, logins::all,
                DatabaseEndpoint.of(targetForward.host(), targetForward.localPort(), "postgres", config.target().role(),
                        Secret.empty()).withOptions(tls.options()), target.writeHostFqdn(), config.target().role(),
                () -> k.secrets().read(targetNamespace, roleSecret).map(d -> d.get("password"))
                        .orElseThrow(() -> new RefusedException("Secret " + targetNamespace + "/" + roleSecret
                                + " is missing: the role has not been provisioned yet (run migrate)")), console,
                () -> kube.dataVolume(target).freeBytes());
        CnpgTargetProvisioner provisioner = new CnpgTargetProvisioner(client, kube.provisioner(), console, target.cluster(),
                new NamespacedName(config.app().namespace(), CutoverNames.inObjectName(config.target().role()) + "-cnpg-connection"),
                "rehome-" + CutoverNames.inObjectName(config.target().database()));
        return new CutoverPorts(k.workloads(), k.secrets(), k.volumes(), k.backups(), k.network(), databases, provisioner,
                kube.lock(targetNamespace), LiveEngines.of(client, source::database, target, clock, tls.forJobs()), verifier,
                new ServiceHealthCheck(client, new HttpHealthCheck(clock, d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(1))),
                new MirroredJournal(new FileJournal(journalDir), kube.journal(targetNamespace)))
                .withRestoreProofs(new KubeRestoreProofs(new RestoreProver(client, clock, Sleeper.system(),
                        ScratchPolicy.defaults(), tls.mode()), new NamespacedName(targetNamespace, config.target().cluster()), verifier));
    }

    @Override
    public void close() {
        closeAll(opened, null);
    }

    private static void closeAll(List<AutoCloseable> opened, RuntimeException failure) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
