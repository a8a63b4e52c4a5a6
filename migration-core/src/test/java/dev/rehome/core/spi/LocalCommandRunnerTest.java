package dev.rehome.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalCommandRunnerTest {
    private final LocalCommandRunner runner = new LocalCommandRunner();

    @Test
    void streamsOutputLargerThanAnyPipeBuffer() throws Exception {
        long size = 64L * 1024 * 1024;
        try (RunningCommand cmd = runner.start(CommandSpec.of("head", "-c", Long.toString(size), "/dev/zero"))) {
            cmd.stdin().close();
            long total = 0;
            byte[] buf = new byte[65536];
            InputStream out = cmd.stdout();
            for (int n; (n = out.read(buf)) >= 0; ) {
                total += n;
            }
            assertThat(total).isEqualTo(size);
            assertThat(cmd.waitFor(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void keepsOnlyTheTailOfStderrOfAFailingProgram() throws Exception {
        String script = "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); echo \"line $i\" >&2; done; exit 3";
        try (RunningCommand cmd = runner.start(CommandSpec.of("sh", "-c", script))) {
            cmd.stdin().close();
            cmd.stdout().readAllBytes();
            assertThat(cmd.waitFor(Duration.ofSeconds(30))).isEqualTo(3);
            String tail = cmd.stderrTail();
            assertThat(tail).endsWith("line 3000\n").doesNotContain("line 1\n");
            assertThat(tail.length()).isLessThanOrEqualTo(LocalCommandRunner.STDERR_TAIL_BYTES);
        }
    }

    @Test
    void closeFromAnotherThreadStopsAProgramWhoseStdinAWriterIsBlockedOn() throws Exception {
        // a restore that stopped reading (its server black-holed) while the engine's pump fills its stdin
        RunningCommand cmd = runner.start(CommandSpec.of("sleep", "60"));
        Thread pump = new Thread(() -> {
            byte[] chunk = new byte[1 << 20];
            try {
                while (true) {
                    cmd.stdin().write(chunk);
                }
            } catch (IOException closed) {
                // the program died: the write fails
            }
        });
        pump.setDaemon(true);
        pump.start();
        Thread.sleep(300); // a 1 MiB write into a 64 KiB pipe nobody reads: blocked from the first one

        assertTimeoutPreemptively(Duration.ofSeconds(10), cmd::close,
                "close waited for the writer's lock instead of killing the program");
        pump.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(pump.isAlive()).isFalse();
    }

    @Test
    void closeKillsAProgramThatStillRuns() throws Exception {
        RunningCommand cmd = runner.start(CommandSpec.of("sh", "-c", "echo $$; exec sleep 60"));
        long pid = Long.parseLong(firstLine(cmd.stdout()));
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        cmd.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void waitForKillsTheProgramWhenTheTimeoutPasses() {
        try (RunningCommand cmd = runner.start(CommandSpec.of("sleep", "60"))) {
            assertThatThrownBy(() -> cmd.waitFor(Duration.ofMillis(200)))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("sleep").hasMessageContaining("killed");
        }
    }

    @Test
    void passesSecretsInTheEnvironmentAndNeverInArgv() throws Exception {
        String canary = "canary-" + System.nanoTime();
        CommandSpec spec = CommandSpec.of("sh", "-c", "echo $$; echo \"$REHOME_SECRET\"; sleep 30; true")
                .withSecretEnv("REHOME_SECRET", Secret.of(canary));
        // No exec: /proc/<pid>/cmdline reads empty while a process is between exec images, so the shell
        // whose pid we print must stay the process we read.
        try (RunningCommand cmd = runner.start(spec)) {
            BufferedReader out = new BufferedReader(new InputStreamReader(cmd.stdout(), StandardCharsets.UTF_8));
            long pid = Long.parseLong(out.readLine());
            assertThat(out.readLine()).isEqualTo(canary);
            String argv = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            assertThat(argv).contains("sleep").doesNotContain(canary);
            assertThat(spec.toString()).doesNotContain(canary);
        }
    }

    @Test
    void aProgramThatCannotStartFailsWithItsName() {
        assertThatThrownBy(() -> runner.start(CommandSpec.of("/nonexistent/pg_dump")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("pg_dump locally exited 127")
                .hasMessageContaining("install the PostgreSQL client tools");
    }

    private static String firstLine(InputStream in) throws Exception {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    }
}
