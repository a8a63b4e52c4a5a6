package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl rehome ...}: the plugin wrapper kubectl runs finds the jar and passes arguments and exit codes. */
class KubectlPluginIT {
    private static final Path WRAPPER = Path.of("..", "deploy", "kubectl-plugin", "kubectl-rehome");

    @TempDir
    Path work;

    private record Run(int exit, String out, String err) { }

    private Run kubectlRehome(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("sh", WRAPPER.toString())));
        pb.command().addAll(List.of(args));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("HOME", work.toString());
        pb.environment().put("REHOME_LOG_DIR", work.resolve("logs").toString());
        pb.environment().putAll(env);
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kubectl-rehome finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsTheFleetJarWithItsArgumentsAndExitCode() throws Exception {
        Map<String, String> home = Map.of("REHOME_HOME", FleetJar.JAR.toAbsolutePath().getParent().toString());

        Run version = kubectlRehome(home, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).contains("rehome-fleet");

        Run bad = kubectlRehome(home, "audit", "--output", "yaml");
        assertThat(bad.exit()).as("a usage error keeps its exit code through the wrapper").isEqualTo(2);
        assertThat(bad.err()).contains("yaml");
    }

    @Test
    void aMissingJarIsNamedWithWhatToDo() throws Exception {
        Run run = kubectlRehome(Map.of("REHOME_HOME", work.toString()), "basketball", "--version");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("rehome-basketball.jar is not in " + work).contains("set REHOME_HOME");
    }
}
