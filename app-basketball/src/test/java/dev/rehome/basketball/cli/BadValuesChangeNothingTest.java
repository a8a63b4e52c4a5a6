package dev.rehome.basketball.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.Kubeconfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad value for an option with a fixed set of values is refused while the command line is parsed: exit 2, the
 * valid values named, and not one request to the cluster (so no scale-down, no fence, no journal) nor a local
 * journal. A seeded cluster the kubeconfig names is there to be changed, and nothing may touch it.
 */
class BadValuesChangeNothingTest {
    private static final String[] COMMANDS = {"plan", "migrate", "verify", "rollback", "retire", "status"};

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) { }

    private Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BasketballMain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), dir.resolve("rehome.log"));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownEngineTouchesNeitherTheClusterNorTheJournal() {
        refusedByEveryCommandWithoutATouch(List.of("--engine", "bogus"), "'bogus' is not a copy engine",
                "dump-restore, jdbc-direct");
    }

    @Test
    void anUnknownOutputFormatTouchesNeitherTheClusterNorTheJournal() {
        refusedByEveryCommandWithoutATouch(List.of("-o", "yaml"), "'yaml' is not an output format",
                "table, markdown, json");
    }

    @Test
    void aNameThatWouldReachTheClusterOrAServerMangledTouchesNeitherTheClusterNorTheJournal() throws Exception {
        Path quote = Files.writeString(dir.resolve("quote.yaml"),
                "target:\n  database: 'x\"; DROP DATABASE y; --'\n");
        refusedByEveryCommandWithoutATouch(List.of("--config", quote.toString()), "target.database",
                "[a-z_][a-z0-9_]{0,62}");
        Path dots = Files.writeString(dir.resolve("dots.yaml"), "source:\n  namespace: '../kube-system'\n");
        refusedByEveryCommandWithoutATouch(List.of("--config", dots.toString()), "source.namespace",
                "is not a Kubernetes name");
        Path longName = Files.writeString(dir.resolve("long.yaml"), "source:\n  database: '" + "d".repeat(64) + "'\n");
        refusedByEveryCommandWithoutATouch(List.of("--config", longName.toString()), "source.database",
                "1 to 63 bytes");
    }

    @Test
    void anUnknownTargetTlsModeTouchesNeitherTheClusterNorTheJournal() {
        refusedByEveryCommandWithoutATouch(List.of("--target-tls", "prefer"), "'prefer' is not a TLS mode",
                "verify-full, require, disable");
    }

    private void refusedByEveryCommandWithoutATouch(List<String> bad, String... says) {
        try (InProcessCluster cluster = InProcessCluster.startBare()) {
            ClusterSeeds.applyTo(cluster.client(), Clock.systemUTC());
            Path kubeconfig = Kubeconfig.write(dir, cluster.masterUrl());
            Path journal = dir.resolve("journal");
            for (String command : COMMANDS) {
                int before = cluster.server().getRequestCount();
                List<String> args = new ArrayList<>(List.of(command, "--kubeconfig", kubeconfig.toString(),
                        "--journal-dir", journal.toString(), "--yes"));
                args.addAll(bad);
                Run r = run(args);
                assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).as(command).contains(says);
                assertThat(cluster.server().getRequestCount()).as(command + ": requests to the cluster").isEqualTo(before);
            }
            assertThat(Files.exists(journal)).as("no local journal written").isFalse();
        }
    }

    @Test
    void aSandboxSizeForARealClusterOrBelowZeroIsRefusedBeforeTheClusterIsAsked() {
        try (InProcessCluster cluster = InProcessCluster.startBare()) {
            ClusterSeeds.applyTo(cluster.client(), Clock.systemUTC());
            Path kubeconfig = Kubeconfig.write(dir, cluster.masterUrl());
            for (String command : new String[] {"plan", "migrate"}) {
                int before = cluster.server().getRequestCount();
                Run r = run(List.of(command, "--kubeconfig", kubeconfig.toString(), "--journal-dir",
                        dir.resolve("journal").toString(), "--yes", "--sandbox-size-mb", "500"));
                assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).contains("--sandbox-size-mb 500", "only with --sandbox");
                assertThat(cluster.server().getRequestCount()).as(command + ": requests").isEqualTo(before);
            }
        }
        Run negative = run(List.of("migrate", "--sandbox", "--sandbox-size-mb", "-1"));
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("give a size of 0 or more").doesNotContain("preflight");
    }

    @Test
    void theSandboxIsNotEvenStartedForABadEngine() {
        Run r = run(List.of("migrate", "--sandbox", "--engine", "bogus"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).as("no step ran: nothing was printed as progress").isEmpty();
        assertThat(r.err()).doesNotContain("preflight").doesNotContain("quiesce");
    }
}
