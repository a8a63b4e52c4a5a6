package dev.rehome.fleet.cli;

import dev.rehome.fleet.audit.KubeClientFactory;
import dev.rehome.testkit.audit.AuditCluster;
import dev.rehome.testkit.audit.AuditCrds;
import dev.rehome.testkit.audit.SimulatedApiServer;
import dev.rehome.testkit.cluster.SeedTimeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command runs on one injected clock, the simulated cluster's too, and the whole class runs twice: on the
 * day the fixture was written, and three years from today at the fixture's time of day with the fixture dated for
 * that clock. A verdict that reads the system clock, or a fixture that goes stale, fails here on any date.
 */
@Timeout(60)
@ParameterizedClass(name = "clock {0}")
@MethodSource("clocks")
class AuditCommandTest {
    private static SimulatedApiServer server;
    private static String serverUrl;

    @Parameter
    Clock clock;

    static List<Clock> clocks() {
        return List.of(Clock.fixed(AuditCluster.SEEN_AT, ZoneOffset.UTC),
                SeedTimeline.yearsAhead(AuditCluster.SEEN_AT, Clock.systemUTC(), 3));
    }

    @BeforeParameterizedClassInvocation
    static void start(Clock clock) {
        server = SimulatedApiServer.start(AuditCrds.REALISTIC, clock);
        server.seed(AuditCluster.RESOURCE, AuditCluster.SEEN_AT);
        try (KubernetesClient client = server.newClient()) {
            serverUrl = client.getConfiguration().getMasterUrl();
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        return runWith((kubeconfig, context) -> server.newClient(), args);
    }

    private Run runWith(KubeClientFactory clients, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new AuditCommand(clients, clock));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theSandboxAuditsASeededClusterWithoutAnyKubeconfig() {
        Run run = runWith((kubeconfig, context) -> {
            throw new AssertionError("--sandbox must not look for a cluster");
        }, "--sandbox");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("sandbox: auditing a seeded in-process cluster");
        assertThat(run.out()).contains("Totals: 9 critical, 0 high, 3 medium, 0 low, 2 info (14 findings, 10 with no backup at all)")
                .contains("basketball-api/postgres");
    }

    @Test
    void jsonOutputFollowsTheContract() {
        Run run = run("--output", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(run.out());
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("severity").asString()).isEqualTo("critical");
        JsonNode basketball = find(root, "basketball-api", "postgres");
        assertThat(basketball.get("kind").asString()).isEqualTo("Deployment");
        assertThat(basketball.get("engine").asString()).isEqualTo("postgresql 16");
        assertThat(basketball.get("coverage").asString()).isEqualTo("none");
        assertThat(basketball.get("reasons").isArray()).isTrue();
        JsonNode volume = basketball.get("volumes").get(0);
        assertThat(List.of(volume.get("pvc").asString(), volume.get("storageClass").asString(),
                volume.get("reclaimPolicy").asString(), volume.get("size").asString()))
                .containsExactly("postgres-data", "local-path", "Delete", "1Gi");
        assertThat(basketball.get("remedy").asString())
                .isEqualTo("rehome-fleet plan basketball-api/postgres --into postgres/pal-e-postgres");
        JsonNode summary = root.get("summary");
        assertThat(summary.get("total").asInt()).isEqualTo(root.get("findings").size());
        assertThat(summary.get("bySeverity").get("critical").asInt()).isEqualTo(9);
        assertThat(summary.get("byCoverage").get("none").asInt()).isEqualTo(summary.get("uncovered").asInt());
        assertThat(summary.get("unreadable").isArray()).isTrue();
    }

    private static JsonNode find(JsonNode root, String namespace, String workload) {
        for (JsonNode finding : root.get("findings")) {
            if (finding.get("namespace").asString().equals(namespace) && finding.get("workload").asString().equals(workload)) {
                return finding;
            }
        }
        throw new AssertionError("no finding " + namespace + "/" + workload);
    }

    @Test
    void failOnExitsOneWhenAFindingReachesTheThreshold() {
        Run run = run("--fail-on", "high", "--output", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("9 finding(s) at high or worse");
    }

    @Test
    void failOnExitsZeroWhenNothingReachesTheThreshold() {
        assertThat(run("--namespace", "postgres", "--fail-on", "low").exitCode()).isZero();
        assertThat(run("--namespace", "postgres", "--fail-on", "info").exitCode()).isEqualTo(1);
        assertThat(run("--namespace", "wiki", "--fail-on", "high").exitCode()).isZero();
    }

    @Test
    void namespaceFilterIsRepeatable() {
        Run run = run("-n", "shop", "--namespace", "wiki", "-o", "json");

        JsonNode root = JsonMapper.builder().build().readTree(run.out());
        List<String> names = new ArrayList<>();
        root.get("findings").forEach(f -> names.add(f.get("namespace").asString() + "/" + f.get("workload").asString()));
        assertThat(names).containsExactly("shop/mysql", "wiki/wiki-db");
    }

    @Test
    void tableIsWorstFirstWithTotalsCoveredDataAndWhatCouldNotBeRead() {
        Run run = run();

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("SEVERITY").contains("WORKLOAD", "ENGINE", "DATA", "COVERAGE", "NEXT STEP");
        assertThat(lines.get(1)).startsWith("critical").contains("basketball-api/postgres");
        assertThat(run.out()).contains("Totals: 9 critical, 0 high, 3 medium, 0 low, 2 info (14 findings, 10 with no backup at all)")
                .contains("postgres/pal-e-postgres  cnpg  9h ago (" + AuditCluster.timeline(clock).at("2026-11-26T02:00:40Z") + ")")
                .contains("all namespaces: volumesnapshots.snapshot.storage.k8s.io (not installed)");
        int mediumAt = indexOf(lines, "medium ");
        int criticalLast = lastIndexOf(lines, "critical ");
        assertThat(criticalLast).isLessThan(mediumAt);
        assertThat(run("--output", "table").out()).isEqualTo(run.out());
    }

    @Test
    void markdownIsATicketReadyTable() {
        Run run = run("--output", "markdown");

        assertThat(run.out()).startsWith("# Backup coverage audit")
                .contains("| Severity | Workload | Kind | Engine | Data | Coverage | Why | Next step |")
                .contains("| critical | basketball-api/postgres | Deployment | postgresql 16 |")
                .contains("`rehome-fleet plan pal-e-mail/postgres --into postgres/pal-e-postgres`")
                .contains("## Covered data", "## Could not read");
    }

    @Test
    void explicitIntoIsUsedInRemedies() {
        Run run = run("--into", "db/shared", "-n", "shop", "-n", "scratch", "-o", "markdown");

        assertThat(run.out()).contains("`rehome-fleet plan scratch/pg-scratch --into db/shared`");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(run("--fail-on", "severe").exitCode()).isEqualTo(2);
        assertThat(run("--output", "yaml").exitCode()).isEqualTo(2);
        assertThat(run("--into", "pal-e-postgres").exitCode()).isEqualTo(2);
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Run run = run("--help");

        assertThat(run.out()).contains("1   a finding reaches --fail-on", "4   cannot reach the cluster");
    }

    @Test
    void unreachableClusterIsExitFourWithOneLine(@TempDir Path home) throws Exception {
        Path kubeconfig = writeKubeconfig(home, "http://127.0.0.1:" + freePort());

        Run run = runWith(KubeClientFactory.kubectlLike(Map.of(), home), "--kubeconfig", kubeconfig.toString(),
                "--context", "dead");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err().strip()).startsWith("rehome-fleet audit: cannot reach the Kubernetes API at http://127.0.0.1:")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void contextPicksTheClusterFromTheKubeconfig(@TempDir Path home) throws Exception {
        Path kubeconfig = writeKubeconfig(home, "http://127.0.0.1:" + freePort());

        Run run = runWith(KubeClientFactory.kubectlLike(Map.of("KUBECONFIG", kubeconfig.toString()), home),
                "--context", "sim", "-n", "shop", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"workload\" : \"mysql\"");
    }

    @Test
    void missingKubeconfigIsAUsageError(@TempDir Path home) {
        Run run = runWith(KubeClientFactory.kubectlLike(Map.of(), home), "--kubeconfig", home.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void rehomeFleetRunsAuditAsASubcommand(@TempDir Path home) throws Exception {
        Path kubeconfig = writeKubeconfig(home, "http://127.0.0.1:" + freePort());
        InProcessCli cli = new InProcessCli(home, Map.of("KUBECONFIG", kubeconfig.toString()), clock);

        InProcessCli.Result covered = cli.run("audit", "--context", "sim", "-n", "postgres", "--fail-on", "high");
        InProcessCli.Result gated = cli.run("audit", "--context", "sim", "--output", "json", "--fail-on", "critical");
        InProcessCli.Result unreachable = cli.run("audit");

        assertThat(covered.exit()).as(covered.all()).isZero();
        assertThat(covered.stdout()).contains("postgres/pal-e-postgres");
        assertThat(gated.exit()).isEqualTo(1);
        assertThat(gated.stdout()).startsWith("{");
        assertThat(unreachable.exit()).isEqualTo(4);
        assertThat(unreachable.stderr().strip()).startsWith("rehome-fleet audit: cannot reach the Kubernetes API")
                .doesNotContain("\n\tat ");
    }

    /** A kubeconfig whose current context "dead" points at {@code deadUrl}, and context "sim" at the simulator. */
    private Path writeKubeconfig(Path dir, String deadUrl) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: dead
                clusters:
                - name: dead
                  cluster: {server: "%s"}
                - name: sim
                  cluster: {server: "%s"}
                users:
                - name: auditor
                  user: {token: not-a-secret}
                contexts:
                - name: dead
                  context: {cluster: dead, user: auditor}
                - name: sim
                  context: {cluster: sim, user: auditor}
                """.formatted(deadUrl, serverUrl));
        return file;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> lines, String prefix) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                last = i;
            }
        }
        return last;
    }
}
