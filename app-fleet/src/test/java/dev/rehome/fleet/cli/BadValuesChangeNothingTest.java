package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.Kubeconfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option with a fixed set of values is checked while the command line is parsed: exit 2 with the valid values
 * named, and nothing reached: not one request to the cluster the kubeconfig names (seeded, so a run would change
 * it), not one connection to the database endpoints given.
 */
class BadValuesChangeNothingTest {
    @TempDir
    Path home;

    @Test
    void moveCommandsRefuseAnUnknownEngineBeforeTheClusterIsAsked() {
        try (InProcessCluster cluster = InProcessCluster.startBare()) {
            ClusterSeeds.applyTo(cluster.client(), Clock.systemUTC());
            String kubeconfig = Kubeconfig.write(home, cluster.masterUrl()).toString();
            InProcessCli cli = new InProcessCli(home, Map.of());
            moveCommandsRefuse(cluster, cli, kubeconfig, List.of("--engine", "bogus"),
                    "'bogus' is not a copy engine; use one of dump-restore, dump-restore-job, jdbc-direct");
            for (List<String> audit : List.of(List.of("-o", "yaml"), List.of("--fail-on", "severe"))) {
                int before = cluster.server().getRequestCount();
                List<String> args = new ArrayList<>(List.of("audit", "--kubeconfig", kubeconfig));
                args.addAll(audit);
                InProcessCli.Result r = cli.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(audit + ": " + r.stderr()).isEqualTo(2);
                assertThat(cluster.server().getRequestCount()).as(audit + ": requests").isEqualTo(before);
            }
        }
    }

    @Test
    void moveCommandsRefuseAnUnknownTargetTlsModeBeforeTheClusterIsAsked() {
        try (InProcessCluster cluster = InProcessCluster.startBare()) {
            ClusterSeeds.applyTo(cluster.client(), Clock.systemUTC());
            String kubeconfig = Kubeconfig.write(home, cluster.masterUrl()).toString();
            moveCommandsRefuse(cluster, new InProcessCli(home, Map.of()), kubeconfig, List.of("--target-tls", "prefer"),
                    "'prefer' is not a TLS mode for the target; use one of verify-full, require, disable");
        }
    }

    /** plan, migrate and retire with {@code bad}: exit 2 saying {@code says}, and not one request to the cluster. */
    private static void moveCommandsRefuse(InProcessCluster cluster, InProcessCli cli, String kubeconfig,
                                           List<String> bad, String says) {
        for (String command : List.of("plan", "migrate", "retire")) {
            int before = cluster.server().getRequestCount();
            List<String> args = new ArrayList<>(List.of(command, "basketball-api/postgres", "--into",
                    "postgres/pal-e-postgres", "--kubeconfig", kubeconfig, "--yes"));
            args.addAll(bad);
            InProcessCli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(command + ": " + r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).as(command).contains(says);
            assertThat(cluster.server().getRequestCount()).as(command + ": requests to the cluster").isEqualTo(before);
        }
    }

    @Test
    void copyAndVerifyRefuseBadValuesBeforeConnecting() throws IOException {
        try (ServerSocket database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String source = "postgresql://app@127.0.0.1:" + database.getLocalPort() + "/source";
            String target = "postgresql://app@127.0.0.1:" + database.getLocalPort() + "/target";
            InProcessCli cli = new InProcessCli(home, Map.of("PGPASSWORD", "not-used"));
            List<List<String>> bad = List.of(
                    List.of("copy", "--engine", "bogus"),
                    List.of("copy", "--verify", "everything"),
                    List.of("verify", "--level", "most"));
            for (List<String> command : bad) {
                List<String> args = new ArrayList<>(command);
                args.addAll(List.of("--source", source, "--target", target));
                InProcessCli.Result r = cli.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(command + ": " + r.stderr()).isEqualTo(2);
                assertThat(r.stderr()).as(command.toString()).contains("; use one of");
            }
            database.setSoTimeout(200);
            try {
                database.accept().close();
                throw new AssertionError("a command with a bad value connected to the database");
            } catch (SocketTimeoutException expected) {
                // nobody connected
            }
        }
    }
}
