package dev.rehome.kubectl.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.kubectl.exec.PodRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ExecServerVersionProbeTest {
    /** Plays the pod: records what was asked and answers with a local shell. */
    private static CommandRunner pod(List<String> asked, String script) {
        LocalCommandRunner local = new LocalCommandRunner();
        return new CommandRunner() {
            @Override
            public RunningCommand start(CommandSpec spec) {
                asked.add(String.join(" ", spec.argv()));
                return local.start(CommandSpec.of("sh", "-c", script));
            }

            @Override
            public String describe() {
                return "in a test pod";
            }
        };
    }

    @Test
    void readsTheMajorOfTheServingBinary() {
        List<String> asked = new ArrayList<>();
        List<PodRef> pods = new ArrayList<>();
        var probe = new ExecServerVersionProbe(ref -> {
            pods.add(ref);
            return pod(asked, "echo 'postgres (PostgreSQL) 16.4'");
        }, Duration.ofSeconds(10));

        assertThat(probe.majorVersion("basketball-api", "postgres-0", "postgres")).hasValue(16);
        assertThat(asked).containsExactly("postgres -V");
        assertThat(pods).containsExactly(new PodRef("basketball-api", "postgres-0", "postgres"));
    }

    @Test
    void answersEmptyWhenTheCommandFails() {
        var probe = new ExecServerVersionProbe(ref -> pod(new ArrayList<>(), "echo nope >&2; exit 127"),
                Duration.ofSeconds(10));
        assertThat(probe.majorVersion("ns", "p", "c")).isEmpty();
    }

    @Test
    void parsesOldAndNewVersionLines() {
        assertThat(ExecServerVersionProbe.parse("postgres (PostgreSQL) 9.6.24")).hasValue(9);
        assertThat(ExecServerVersionProbe.parse("postgres (PostgreSQL) 18.0 (Debian 18.0-1)")).hasValue(18);
        assertThat(ExecServerVersionProbe.parse("bash: postgres: not found")).isEmpty();
    }
}
