package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Job's script under {@code sh} with stand-in pg_dump/pg_restore to prove both exit codes count. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DumpRestoreScriptIT {
    private static final DumpRestoreJobSpec SPEC = new DumpRestoreJobSpec("ns", "job", "image",
            new JobDatabase("src", 5432, "a", "u", new SecretKeyRef("s", "k")),
            new JobDatabase("dst", 5432, "a", "u", new SecretKeyRef("s", "k")), PlainTarget.TLS,
            Optional.empty(), Duration.ofMinutes(1), Duration.ofMinutes(1));

    @TempDir
    Path bin;

    @Test
    void succeedsOnlyWhenBothProgramsSucceed() throws Exception {
        assertThat(run("head -c 100000 /dev/zero", "test \"$(wc -c)\" -eq 100000")).isEqualTo(new Outcome(0, "rehome: pg_dump exited 0, pg_restore exited 0"));
    }

    @Test
    void aDumpThatFailsAfterWritingFailsTheJobEvenIfTheRestoreExitsZero() throws Exception {
        assertThat(run("head -c 1000 /dev/zero; exit 3", "cat > /dev/null")).isEqualTo(new Outcome(3, "rehome: pg_dump exited 3"));
    }

    @Test
    void aRestoreThatFailsFailsTheJob() throws Exception {
        assertThat(run("head -c 1000 /dev/zero", "cat > /dev/null; exit 4")).isEqualTo(new Outcome(4, "rehome: pg_restore exited 4"));
    }

    @Test
    void aRestoreThatStopsReadingIsTheCauseNotTheDumpKilledByTheBrokenPipe() throws Exception {
        assertThat(run("exec yes", "head -c 1000 > /dev/null; exit 4")).isEqualTo(
                new Outcome(4, "rehome: pg_restore exited 4 (pg_dump then stopped on a broken pipe)"));
    }

    private Outcome run(String dumpBody, String restoreBody) throws IOException, InterruptedException {
        program("pg_dump", dumpBody);
        program("pg_restore", restoreBody);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", DumpRestoreScript.render(SPEC));
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Outcome(p.waitFor(), stderr);
    }

    private void program(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Outcome(int exitCode, String lastWords) {
    }
}
