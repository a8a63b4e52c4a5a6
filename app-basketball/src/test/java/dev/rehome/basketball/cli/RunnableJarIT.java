package dev.rehome.basketball.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command through the shaded jar, as a newcomer runs it: the whole cutover on the in-process
 * cluster, which the lean jar (two server archives, trimmed fabric8 models and BouncyCastle) must still run.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RunnableJarIT {
    private static final Path JAR = Path.of("target", "rehome-basketball.jar");

    @TempDir
    Path work;

    @Test
    void migrateSandboxRunsFromTheLeanJar() throws Exception {
        assertThat(Files.size(JAR)).as("rehome-basketball.jar size").isLessThanOrEqualTo(60L << 20);
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString(), "migrate", "--sandbox"));
        pb.environment().put("HOME", work.toString());
        pb.environment().put("REHOME_LOG_FILE", work.resolve("rehome.log").toString());
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished").isTrue();
        String all = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(all).isZero();
        assertThat(all).contains("backup rehome-basketball-").doesNotContain("NoClassDefFoundError");
        assertThat(Files.readString(work.resolve("rehome.log"), StandardCharsets.UTF_8))
                .as("a successful run logs no ERROR (the file is the rotating one the jar configures)")
                .contains(" INFO ").doesNotContain(" ERROR ");
    }
}
