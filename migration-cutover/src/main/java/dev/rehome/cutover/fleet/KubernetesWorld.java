package dev.rehome.cutover.fleet;

import dev.rehome.core.tls.TlsMode;
import dev.rehome.cutover.LocalEngines;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.cutover.live.LiveCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real cluster the kubeconfig names. The audit and discovery run against it; a source's tables are read
 * through a port-forward to its pod, and each cutover runs over the basketball app's live ports
 * ({@link LiveCluster}: CNPG discovery, port-forwards, the Lease lock and the ConfigMap journal mirrored to
 * {@code journalDir}). The cutovers share this world's client; their forwards stay open until {@link #close}.
 */
public final class KubernetesWorld implements FleetWorld {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesWorld.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final Path journalDir;
    private final TlsMode targetTls;
    private final List<LiveCluster> opened = new ArrayList<>();

    /** TLS to the targets: verify-full. */
    public KubernetesWorld(KubernetesClient client, Clock clock, Path journalDir) {
        this(client, clock, journalDir, TlsMode.VERIFY_FULL);
    }

    public KubernetesWorld(KubernetesClient client, Clock clock, Path journalDir, TlsMode targetTls) {
        this.targetTls = Objects.requireNonNull(targetTls, "targetTls");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journalDir = Objects.requireNonNull(journalDir, "journalDir");
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public TableCatalog tables() {
        return new ForwardedTableCatalog(client);
    }

    @Override
    public FleetCutover prepare(FleetCutover derived) {
        return derived;
    }

    @Override
    public CutoverPorts ports(FleetCutover cutover) {
        LiveCluster live = LiveCluster.borrowing(client, cutover.config(), clock, targetTls);
        synchronized (opened) {
            opened.add(live);
        }
        LOG.info("{}: {}", cutover.name(), live.describe());
        CutoverPorts p = live.ports(LocalEngines.verifier(cutover.config().target().role()), journalDir);
        // An app without a health URL is checked by the readiness the scale-up waited for.
        return new CutoverPorts(p.workloads(), p.secrets(), p.volumes(), p.backups(), p.network(), p.databases(),
                p.provisioner(), p.lock(), new InClusterEngineAlias(p.engines()), p.verifier(),
                new OptionalHealthCheck(p.health()), p.journal(), p.restoreProofs());
    }

    @Override
    public Optional<Path> gitopsDir(FleetCutover cutover) {
        return Optional.empty();
    }

    @Override
    public String retryHint() {
        return "the same command (a killed run continues from its journal)";
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(LiveCluster::close);
            opened.clear();
        }
        client.close();
    }
}
