package dev.rehome.kubectl;

import dev.rehome.core.OperationFailedException;
import dev.rehome.kubectl.backup.OnDemandBackups;
import dev.rehome.kubectl.backup.ScheduledBackupInspector;
import dev.rehome.kubectl.discovery.ServerVersionProbe;
import dev.rehome.kubectl.discovery.SourceDiscovery;
import dev.rehome.kubectl.discovery.TargetCluster;
import dev.rehome.kubectl.discovery.TargetDiscovery;
import dev.rehome.kubectl.exec.PodExecCommandRunner;
import dev.rehome.kubectl.network.NetworkReachability;
import dev.rehome.kubectl.provision.PrimaryDataVolume;
import dev.rehome.kubectl.provision.Provisioner;
import dev.rehome.kubectl.provision.PsqlConsole;
import dev.rehome.kubectl.provision.SqlConsole;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.kubectl.safety.ConfigMapJournal;
import dev.rehome.kubectl.safety.LeaseLock;
import dev.rehome.kubectl.safety.SafeDeleter;
import dev.rehome.kubectl.safety.VolumeGuard;
import dev.rehome.kubectl.workload.ArgoCdDetector;
import dev.rehome.kubectl.workload.EditPolicy;
import dev.rehome.kubectl.workload.HttpHealthProbe;
import dev.rehome.kubectl.workload.WorkloadController;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Everything rehome does against the Kubernetes API, built around one {@link KubernetesClient}:
 * <pre>{@code
 * KubeBackend kube = KubeBackend.builder(client).clock(clock).editPolicy(EditPolicy.REFUSE_GITOPS_MANAGED).build();
 * SourceDatabase source = kube.sources().discover(NamespacedName.parse("basketball-api/postgres"));
 * TargetCluster target = kube.targets().discover(NamespacedName.parse("postgres/pal-e-postgres"));
 * }</pre>
 * Components are created on each call and hold no state of their own beyond the shared settings. Thread-safe.
 */
public final class KubeBackend {
    private final KubernetesClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final KubeRetry retry;
    private final EditPolicy editPolicy;
    private final String argoNamespace;
    private final ServerVersionProbe versionProbe;
    private final Function<TargetCluster, SqlConsole> consoles;
    private final ScheduledExecutorService leaseRenewer;
    private final Duration reconcileTimeout;

    private KubeBackend(Builder b) {
        client = b.client;
        clock = b.clock;
        sleeper = b.sleeper;
        pollInterval = b.pollInterval;
        retry = b.retry;
        editPolicy = b.editPolicy;
        argoNamespace = b.argoNamespace;
        versionProbe = b.versionProbe;
        leaseRenewer = b.leaseRenewer;
        reconcileTimeout = b.reconcileTimeout;
        consoles = b.consoles != null ? b.consoles : target -> new PsqlConsole(PodExecCommandRunner.cnpgPrimary(client,
                target.cluster().namespace(), target.primaryPod().orElseThrow(() -> new OperationFailedException(
                        "CNPG Cluster " + target.cluster() + " has no primary pod to run SQL in"))), Duration.ofMinutes(2));
    }

    public static Builder builder(KubernetesClient client) {
        return new Builder(client);
    }

    public KubernetesClient client() {
        return client;
    }

    public Poller poller() {
        return new Poller(clock, sleeper, pollInterval);
    }

    public SourceDiscovery sources() {
        return new SourceDiscovery(client, versionProbe, retry);
    }

    public TargetDiscovery targets() {
        return new TargetDiscovery(client, retry);
    }

    public Provisioner provisioner() {
        return new Provisioner(client, consoles, new SecureRandom(), poller(), retry, reconcileTimeout);
    }

    /** A SQL console on the target's primary ({@code psql} as {@code postgres} through pod exec by default). */
    public SqlConsole sqlConsole(TargetCluster target) {
        return consoles.apply(target);
    }

    /** The free space of the target primary's data volume, read in its postgres container. */
    public PrimaryDataVolume dataVolume(TargetCluster target) {
        return new PrimaryDataVolume(PodExecCommandRunner.cnpgPrimary(client, target.cluster().namespace(),
                target.primaryPod().orElseThrow(() -> new OperationFailedException("CNPG Cluster " + target.cluster()
                        + " has no primary pod"))), consoles.apply(target), Duration.ofSeconds(30));
    }

    public WorkloadController workloads() {
        return new WorkloadController(client, argoCd(), editPolicy, poller(), retry);
    }

    public ArgoCdDetector argoCd() {
        return new ArgoCdDetector(client, argoNamespace);
    }

    public HttpHealthProbe health() {
        return new HttpHealthProbe(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), poller());
    }

    public NetworkReachability network() {
        return new NetworkReachability(client, retry);
    }

    public OnDemandBackups backups() {
        return new OnDemandBackups(client, poller(), retry);
    }

    public ScheduledBackupInspector schedules() {
        return new ScheduledBackupInspector(client, clock, retry);
    }

    public VolumeGuard volumes() {
        return new VolumeGuard(client, retry);
    }

    public SafeDeleter deleter() {
        return new SafeDeleter(client);
    }

    /** The Lease lock, with Leases in {@code namespace} (the target cluster's namespace is a good choice). */
    public LeaseLock lock(String namespace) {
        return new LeaseLock(client, namespace, clock, leaseRenewer);
    }

    /** The run journal in ConfigMaps of {@code namespace}. */
    public ConfigMapJournal journal(String namespace) {
        return new ConfigMapJournal(client, namespace, retry);
    }

    /**
     * Settings with production defaults: real sleeps, 2 s polls, 5 retries, refuse GitOps drift. The clock has no
     * default: it comes from the caller's composition root.
     */
    public static final class Builder {
        private final KubernetesClient client;
        private Clock clock;
        private Sleeper sleeper = Sleeper.system();
        private Duration pollInterval = Duration.ofSeconds(2);
        private KubeRetry retry = KubeRetry.standard();
        private EditPolicy editPolicy = EditPolicy.REFUSE_GITOPS_MANAGED;
        private String argoNamespace = "argocd";
        private ServerVersionProbe versionProbe = ServerVersionProbe.none();
        private Function<TargetCluster, SqlConsole> consoles;
        private ScheduledExecutorService leaseRenewer;
        private Duration reconcileTimeout = Duration.ofMinutes(3);

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder retry(KubeRetry retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public Builder editPolicy(EditPolicy editPolicy) {
            this.editPolicy = Objects.requireNonNull(editPolicy, "editPolicy");
            return this;
        }

        public Builder argoNamespace(String argoNamespace) {
            this.argoNamespace = Objects.requireNonNull(argoNamespace, "argoNamespace");
            return this;
        }

        /** How to ask a running source server its major (e.g. psql through pod exec); default: image tag only. */
        public Builder serverVersionProbe(ServerVersionProbe probe) {
            this.versionProbe = Objects.requireNonNull(probe, "probe");
            return this;
        }

        /** Replaces psql-through-exec on the primary, e.g. with a JDBC console through a port-forward. */
        public Builder sqlConsoles(Function<TargetCluster, SqlConsole> consoles) {
            this.consoles = Objects.requireNonNull(consoles, "consoles");
            return this;
        }

        /** Renews held Leases every third of their TTL; without one, renew explicitly. */
        public Builder leaseRenewer(ScheduledExecutorService renewer) {
            this.leaseRenewer = Objects.requireNonNull(renewer, "renewer");
            return this;
        }

        /** How long to wait for CNPG to create a declared role or database. */
        public Builder reconcileTimeout(Duration timeout) {
            this.reconcileTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Asks the source container itself ({@code postgres -V} through pod exec) instead of the image tag. */
        public Builder askServerForVersion() {
            this.versionProbe = new dev.rehome.kubectl.discovery.ExecServerVersionProbe(
                    pod -> new PodExecCommandRunner(client, pod), Duration.ofSeconds(30));
            return this;
        }

        /** @throws NullPointerException when no {@link #clock(Clock)} was given */
        public KubeBackend build() {
            Objects.requireNonNull(clock, "clock: KubeBackend.builder(client).clock(...) is required (no system-clock default)");
            return new KubeBackend(this);
        }
    }
}
