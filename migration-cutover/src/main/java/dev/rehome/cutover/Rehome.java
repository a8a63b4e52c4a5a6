package dev.rehome.cutover;

import dev.rehome.core.tls.TlsMode;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.JournalState;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.cutover.live.LiveCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * rehome as a library: move one standalone PostgreSQL into a running CloudNativePG cluster from your own Java code.
 * It reads the way {@code Flyway.configure()...load().migrate()} does:
 *
 * <pre>{@code
 * try (Rehome rehome = Rehome.configure()
 *         .config(RehomeConfig.source("inventory", "postgres").database("inventory").dataVolume("postgres-data")
 *                 .app("inventory-api", "INVENTORY_DATABASE_URL")
 *                 .into("postgres", "pal-e-postgres")
 *                 .rowCounts("items", "orders")
 *                 .build())
 *         .cluster(kubernetesClient)          // the cluster to drive, as the CLIs do
 *         .load()) {
 *     CutoverOutcome outcome = rehome.migrate();  // preflight ... verify, re-point, first backup
 * }
 * }</pre>
 *
 * Every promise of the CLIs holds: a run that fails before the re-point rolls back and leaves the app on its old
 * database; {@link #retire()} refuses until the copy is verified and the first backup in the new home completed.
 * {@link Builder#ports} replaces the cluster with any world (the sandboxes, a test double).
 */
public final class Rehome implements AutoCloseable {
    private final CutoverRunner runner;
    private final Optional<AutoCloseable> resources;

    private Rehome(CutoverRunner runner, Optional<AutoCloseable> resources) {
        this.runner = runner;
        this.resources = resources;
    }

    /** Starts a configuration; {@link Builder#load()} ends it. */
    public static Builder configure() {
        return new Builder();
    }

    /** Preflight, lock, provision, fingerprint, quiesce, copy, verify, re-point, scale up, first backup. */
    public CutoverOutcome migrate() {
        return runner.migrate();
    }

    /** Undoes a run stopped before the point of no return: app back on its old database, source open. */
    public CutoverOutcome rollback() {
        return runner.rollback();
    }

    /** Retires the old database, only after a verified cutover whose first backup completed. */
    public CutoverOutcome retire() {
        return runner.retire();
    }

    /** Every step with what it would change, and the preflight verdicts; changes nothing. */
    public PlanPreview plan() {
        return runner.preview();
    }

    /** Compares source and target content; changes nothing. */
    public VerificationReport verify() {
        return runner.verify();
    }

    /** The journal of the migration. */
    public JournalState status() {
        return runner.status();
    }

    @Override
    public void close() throws Exception {
        if (resources.isPresent()) {
            resources.get().close();
        }
    }

    /** The choices of one move; {@link #load()} validates them. Not thread-safe. */
    public static final class Builder {
        private CutoverConfig config;
        private Function<CutoverConfig, CutoverPorts> ports;
        private KubernetesClient client;
        private RunOptions options = RunOptions.defaults(System.getProperty("user.name", "rehome") + "@library");
        private MigrationListener listener = MigrationListener.NONE;
        private Clock clock = Clock.systemUTC();
        private TlsMode targetTls = TlsMode.VERIFY_FULL;
        private Path journalDir = Path.of(System.getProperty("user.home"), ".rehome", "journal");

        private Builder() {
        }

        /** What moves where: build one with {@link RehomeConfig}, or load a YAML file with the config loader. */
        public Builder config(CutoverConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Drive this cluster (port-forwards to both databases, CNPG provisioning, journal ConfigMap, Lease). */
        public Builder cluster(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Drive another world instead of a cluster: given the config, the ports to use. */
        public Builder ports(Function<CutoverConfig, CutoverPorts> ports) {
            this.ports = Objects.requireNonNull(ports, "ports");
            return this;
        }

        /** {@code dump-restore} (default) or {@code jdbc-direct}. */
        public Builder engine(String engine) {
            options = options.withEngine(engine);
            return this;
        }

        /** A checkout of the deployments repo: the re-point is committed there on a new branch, never pushed. */
        public Builder gitopsDir(Path dir) {
            options = options.withGitopsDir(dir);
            return this;
        }

        /** Who holds the lock, as shown to a second run (default: user@library). */
        public Builder holder(String holder) {
            options = new RunOptions(options.engine(), options.gitopsDir(), holder, options.lockTtl(),
                    options.retireNow(), options.deleteVolume(), options.skipRestoreProof());
            return this;
        }

        /** Where the local mirror of the journal lives (default {@code ~/.rehome/journal}). */
        public Builder journalDir(Path dir) {
            this.journalDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Progress of steps and copies (e.g. {@code new StepProgressPrinter(System.err)}). */
        public Builder listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** TLS to the CNPG target (default verify-full against the cluster's CA); the others are opt-outs. */
        public Builder targetTls(TlsMode mode) {
            this.targetTls = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Validates the choices and connects to the world; nothing changes until a command runs. */
        public Rehome load() {
            if (config == null) {
                throw new InvalidConfigurationException("Rehome.configure() needs config(...): what moves where");
            }
            if ((client == null) == (ports == null)) {
                throw new InvalidConfigurationException("Rehome.configure() needs exactly one of cluster(...) or ports(...)");
            }
            if (!LocalEngines.catalog(clock).ids().contains(options.engine())) {
                throw new InvalidConfigurationException("engine '" + options.engine() + "' is not one of "
                        + LocalEngines.catalog(clock).ids());
            }
            if (ports != null) {
                return new Rehome(new CutoverRunner(config, ports.apply(config), options, listener, clock), Optional.empty());
            }
            LiveCluster live = LiveCluster.borrowing(client, config, clock, targetTls);
            CutoverPorts p = live.ports(LocalEngines.verifier(config.target().role()), journalDir);
            return new Rehome(new CutoverRunner(config, p, options, listener, clock), Optional.of(live));
        }
    }
}
