package dev.rehome.kubectl.discovery;

import dev.rehome.core.MigrationException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.kubectl.exec.PodRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the source container which PostgreSQL it runs: {@code postgres -V} in the database container prints the
 * version of the very binary serving the data directory (a server of another major would not have started on
 * it). Needs no login, so no credentials travel. Answers empty when the command cannot run. Thread-safe.
 */
public final class ExecServerVersionProbe implements ServerVersionProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ExecServerVersionProbe.class);
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    private final Function<PodRef, CommandRunner> runners;
    private final Duration timeout;

    /** {@code runners} opens a runner on a pod's container (pod exec in production). */
    public ExecServerVersionProbe(Function<PodRef, CommandRunner> runners, Duration timeout) {
        this.runners = Objects.requireNonNull(runners, "runners");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public OptionalInt majorVersion(String namespace, String pod, String container) {
        CommandRunner runner = runners.apply(new PodRef(namespace, pod, container));
        try (RunningCommand cmd = runner.start(CommandSpec.of("postgres", "-V"))) {
            cmd.stdin().close();
            String out = new String(cmd.stdout().readAllBytes(), StandardCharsets.UTF_8);
            if (cmd.waitFor(timeout) != 0) {
                LOG.info("postgres -V {} failed: {}", cmd.where(), cmd.stderrTail());
                return OptionalInt.empty();
            }
            return parse(out);
        } catch (IOException | MigrationException e) {
            LOG.info("could not ask {} for its PostgreSQL version: {}", runner.describe(), e.getMessage());
            return OptionalInt.empty();
        }
    }

    /** {@code 16} from {@code postgres (PostgreSQL) 16.4}; {@code 9} from {@code 9.6.24}. */
    static OptionalInt parse(String versionLine) {
        Matcher m = VERSION.matcher(versionLine);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
