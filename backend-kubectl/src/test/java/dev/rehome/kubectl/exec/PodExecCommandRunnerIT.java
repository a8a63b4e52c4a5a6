package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.PodEnvironment;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PodExecCommandRunnerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static InProcessCluster cluster;
    private static PodExecCommandRunner runner;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start();
        cluster.bindPod("apps", "db-0", PodEnvironment.empty().withEnv("POSTGRES_PASSWORD", "canary-pa55"));
        runner = new PodExecCommandRunner(cluster.client(), new PodRef("apps", "db-0", "postgres"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void streamsFourHundredMegabytesOutOfThePodWithBoundedMemory() throws Exception {
        long total = 0;
        long peakLiveHeap = 0;
        long nextSample = 0;
        try (RunningCommand cmd = runner.start(CommandSpec.of("head", "-c", "400000000", "/dev/zero"))) {
            cmd.stdin().close();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream out = cmd.stdout()) {
                int n;
                while ((n = out.read(buffer)) >= 0) {
                    total += n;
                    if (total >= nextSample) {
                        peakLiveHeap = Math.max(peakLiveHeap, liveHeapAfterGc());
                        nextSample += 50_000_000;
                    }
                }
            }
            assertThat(cmd.waitFor(WAIT)).isZero();
        }
        assertThat(total).isEqualTo(400_000_000L);
        // Server and client share this JVM: buffering the stream anywhere would show here as hundreds of MB.
        assertThat(peakLiveHeap).isLessThan(96L * 1024 * 1024);
    }

    @Test
    void reportsANonZeroExitWithTheTailOfStderr() throws Exception {
        try (RunningCommand cmd = runner.start(CommandSpec.of("sh", "-c", "echo partial; echo 'pg_dump: error: boom' >&2; exit 7"))) {
            assertThat(new String(cmd.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("partial\n");
            assertThat(cmd.waitFor(WAIT)).isEqualTo(7);
            assertThat(cmd.stderrTail()).contains("pg_dump: error: boom");
            assertThat(cmd.where()).isEqualTo("in pod 'apps/db-0' container 'postgres'");
        }
    }

    @Test
    void keepsOnlyTheTailOfAFloodOfStderr() throws Exception {
        try (RunningCommand cmd = runner.start(CommandSpec.of("sh", "-c",
                "head -c 3000000 /dev/zero | tr '\\0' x >&2; echo; echo last-line >&2; exit 0"))) {
            cmd.stdout().readAllBytes();
            assertThat(cmd.waitFor(WAIT)).isZero();
            assertThat(cmd.stderrTail()).hasSizeLessThanOrEqualTo(PodExecCommand.STDERR_TAIL_BYTES).endsWith("last-line\n");
        }
    }

    @Test
    void closingEarlyWhileThePodStillWritesDoesNotHang() throws Exception {
        RunningCommand cmd = runner.start(CommandSpec.of("head", "-c", "400000000", "/dev/zero"));
        InputStream out = cmd.stdout();
        assertThat(out.readNBytes(1_000_000)).hasSize(1_000_000);
        out.close();
        cmd.close();
        cmd.close();
    }

    @Test
    void givesUpAtTheTimeoutAndSaysWhy() {
        try (RunningCommand cmd = runner.start(CommandSpec.of("sleep", "60"))) {
            assertThatThrownBy(() -> cmd.waitFor(Duration.ofMillis(500)))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("sleep in pod 'apps/db-0' container 'postgres' did not finish within PT0.5S");
        }
    }

    @Test
    void refusesSecretEnvironmentWithoutRevealingIt() {
        CommandSpec spec = CommandSpec.of("pg_dump", "app").withSecretEnv("PGPASSWORD", Secret.of("canary-pa55"));
        assertThatThrownBy(() -> runner.start(spec))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("PGPASSWORD")
                .hasMessageNotContaining("canary-pa55");
    }

    @Test
    void readsThePasswordFromTheContainersOwnEnvironmentWithoutPuttingItInArgv() throws Exception {
        CommandSpec spec = PodShellCommands.withPasswordFromContainerEnv("POSTGRES_PASSWORD",
                List.of("sh", "-c", "echo \"$PGPASSWORD\" | wc -c"));
        assertThat(String.join(" ", spec.argv())).doesNotContain("canary-pa55");
        try (RunningCommand cmd = runner.start(spec)) {
            assertThat(new String(cmd.stdout().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("12");
            assertThat(cmd.waitFor(WAIT)).isZero();
        }
    }

    @Test
    void passesPlainEnvironmentThroughEnv() throws Exception {
        try (RunningCommand cmd = runner.start(CommandSpec.of("sh", "-c", "echo $PGDATABASE").withEnv("PGDATABASE", "app"))) {
            assertThat(new String(cmd.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("app\n");
            assertThat(cmd.waitFor(WAIT)).isZero();
        }
    }

    @Test
    void aCommandThatWaitsForEndOfStdinNeverEndsOverExecAsOnARealCluster() throws Exception {
        try (RunningCommand cmd = runner.start(CommandSpec.of("wc", "-c"))) {
            try (OutputStream in = cmd.stdin()) {
                in.write("hello".getBytes(StandardCharsets.UTF_8));
            }
            assertThatThrownBy(() -> cmd.waitFor(Duration.ofSeconds(2))).isInstanceOf(OperationFailedException.class);
        }
    }

    @Test
    void anUploadWhoseCommandKnowsItsLengthEndsCleanly() throws Exception {
        int size = 50_000_000;
        try (RunningCommand cmd = runner.start(PodShellCommands.readingExactly(size, CommandSpec.of("wc", "-c")))) {
            Thread writer = new Thread(() -> {
                try (OutputStream in = cmd.stdin()) {
                    byte[] chunk = new byte[1 << 16];
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        in.write(chunk, 0, Math.min(chunk.length, size - sent));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            assertThat(new String(cmd.stdout().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo(Integer.toString(size));
            writer.join();
            assertThat(cmd.waitFor(WAIT)).isZero();
        }
    }

    private static long liveHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
