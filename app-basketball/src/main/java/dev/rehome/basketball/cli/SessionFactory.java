package dev.rehome.basketball.cli;

import dev.rehome.basketball.BasketballDefaults;
import dev.rehome.cutover.LocalEngines;
import dev.rehome.cutover.CutoverRunner;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.cutover.config.ConfigLoader;
import dev.rehome.sandbox.KubeSandbox;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.cutover.live.LiveCluster;
import dev.rehome.kubectl.KubeClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.rehome.core.StopSignal;
import java.time.Clock;
import java.util.function.UnaryOperator;
import java.util.Optional;

/** Builds the {@link Session} for the options: the sandbox, or the cluster the kubeconfig names. */
final class SessionFactory {
    private final Clock clock;
    private final StopSignal stop;

    /** {@code stop} is checked before every step of a run (the CLI's shutdown hook requests it). */
    SessionFactory(Clock clock, StopSignal stop) {
        this.clock = clock;
        this.stop = stop;
    }

    /** basketball-api's defaults, or {@code --config} over them. */
    static CutoverConfig config(CommonOptions o) {
        return o.config == null ? BasketballDefaults.config() : new ConfigLoader(BasketballDefaults.config()).load(o.config);
    }

    /** The local mirror of the journal: what {@code status} reads, with no cluster needed. */
    static Path journalDir(CommonOptions o) {
        return o.journalDir != null ? o.journalDir : home().resolve(".rehome").resolve("journal");
    }

    Session open(CommonOptions o, MigrationListener listener, boolean retireNow, boolean deleteVolume) {
        return open(o, listener, retireNow, deleteVolume, Optional.empty());
    }

    Session open(CommonOptions o, MigrationListener listener, boolean retireNow, boolean deleteVolume,
                 Optional<String> skipRestoreProof) {
        if (o.sandboxSizeMb < 0 || (o.sandboxSizeMb > 0 && !o.sandbox)) {
            throw new InvalidConfigurationException("--sandbox-size-mb " + o.sandboxSizeMb + ": give a size of 0 or more,"
                    + " and only with --sandbox (a real cluster's database is the size it is)");
        }
        CutoverConfig config = config(o);
        if (o.healthUrl != null) {
            config = config.withHealthUrl(o.healthUrl);
        }
        RunOptions options = RunOptions.defaults(holder()).withEngine(o.engine).withRetire(retireNow, deleteVolume);
        if (skipRestoreProof.isPresent()) {
            options = options.withRestoreProofSkipped(skipRestoreProof.get());
        }
        if (o.sandbox) {
            return sandbox(o, listener, options);
        }
        if (o.gitopsDir != null) {
            options = options.withGitopsDir(o.gitopsDir);
        }
        return live(o, listener, config, options);
    }

    private Session live(CommonOptions o, MigrationListener listener, CutoverConfig config, RunOptions options) {
        KubernetesClient client = new KubeClients(System.getenv(), home())
                .connectReachable(Optional.ofNullable(o.kubeconfig), Optional.ofNullable(o.context));
        LiveCluster cluster = LiveCluster.open(client, config, clock, o.targetTls());
        try {
            listener.onNotice(cluster.describe());
            Path journal = journalDir(o);
            CutoverRunner runner = new CutoverRunner(config, cluster.ports(LocalEngines.verifier(config.target().role()), journal),
                    options, listener, clock, UnaryOperator.identity(), stop);
            return new Session(config, runner, cluster, "rehome-basketball migrate" + (o.kubeconfig == null ? ""
                    : " --kubeconfig " + o.kubeconfig) + (o.context == null ? "" : " --context " + o.context));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    private Session sandbox(CommonOptions o, MigrationListener listener, RunOptions options) {
        Path work;
        try {
            work = Files.createTempDirectory("rehome-sandbox-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox directory", e);
        }
        listener.onNotice("sandbox: PostgreSQL 15 plays basketball-api/postgres, 17 plays pal-e-postgres; an in-process "
                + "Kubernetes API seeded like the real cluster; work directory " + work);
        // The sandbox's embedded servers have no TLS: it says so instead of pretending to verify anything.
        listener.onNotice("sandbox: TLS to the target: disabled (the embedded PostgreSQL servers have no TLS)"
                + (o.targetTls == null ? "" : "; --target-tls " + o.targetTls + " applies to real clusters only"));
        KubeSandbox sandbox = KubeSandbox.start(work, clock, listener::onNotice, o.sandboxSizeMb);
        CutoverConfig config = sandbox.config();
        if (o.healthUrl != null) {
            config = config.withHealthUrl(o.healthUrl);
        }
        RunOptions withRepo = options.withGitopsDir(o.gitopsDir != null ? o.gitopsDir : sandbox.deploymentsRepo());
        CutoverRunner runner = new CutoverRunner(config, sandbox.ports(LocalEngines.catalog(clock),
                LocalEngines.verifier(config.target().role())), withRepo, listener, clock, UnaryOperator.identity(), stop);
        return new Session(config, runner, sandbox, "java -jar app-basketball/target/rehome-basketball.jar migrate --sandbox");
    }

    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "rehome") + "@" + host;
    }
}
