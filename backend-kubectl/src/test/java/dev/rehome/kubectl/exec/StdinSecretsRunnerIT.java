package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.PodEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A password the container does not hold reaches the program in the pod over stdin, never in argv. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StdinSecretsRunnerIT {
    private static InProcessCluster cluster;
    private static PodExecCommandRunner pod;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start();
        cluster.bindPod("apps", "db-0", PodEnvironment.empty().withEnv("POSTGRES_PASSWORD", "the-containers-own"));
        pod = new PodExecCommandRunner(cluster.client(), new PodRef("apps", "db-0", "postgres"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void theProgramSeesEachSecretAsItsEnvAndArgvCarriesOnlyTheirNames() {
        List<CommandSpec> sent = new java.util.ArrayList<>();
        var recording = new dev.rehome.core.spi.CommandRunner() {
            @Override
            public RunningCommand start(CommandSpec spec) {
                sent.add(spec);
                return pod.start(spec);
            }

            @Override
            public String describe() {
                return pod.describe();
            }
        };
        CommandSpec spec = new CommandSpec(List.of("sh", "-c", "printf '%s|%s|%s' \"$PGPASSWORD\" \"$PGUSER\" \"$OTHER\""),
                Map.of("PGUSER", "rehome_ab12"), Map.of("PGPASSWORD", Secret.of("fence s3cret 'quoted' $x"),
                "OTHER", Secret.of("second")));

        try (RunningCommand cmd = new StdinSecretsRunner(recording).start(spec)) {
            assertThat(new String(cmd.stdout().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("fence s3cret 'quoted' $x|rehome_ab12|second");
            assertThat(cmd.waitFor(Duration.ofSeconds(60))).isZero();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(String.join(" ", s.argv())).doesNotContain("s3cret").doesNotContain("second")
                    .contains("read -r OTHER").contains("read -r PGPASSWORD");
            assertThat(s.secretEnv()).isEmpty();
        });
    }

    @Test
    void aSecretWithALineBreakIsRefusedBeforeAnythingRuns() {
        CommandSpec spec = new CommandSpec(List.of("true"), Map.of(), Map.of("PGPASSWORD", Secret.of("a\nb")));

        assertThatThrownBy(() -> new StdinSecretsRunner(pod).start(spec)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("line break").hasMessageNotContaining("a\nb");
    }
}
