package dev.rehome.kubectl.provision;

import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much room the target primary's data volume has: {@code df -P -k} on the server's own
 * {@code data_directory}, run in the primary's {@code postgres} container. PostgreSQL has no SQL for free disk
 * space, and a full volume is the one fault that harms every tenant of the shared cluster (catalogue R-1), so
 * preflight asks before the copy. Unknown (empty) when the answer cannot be read: preflight then says so.
 */
public final class PrimaryDataVolume {
    private static final Logger LOG = LoggerFactory.getLogger(PrimaryDataVolume.class);
    private final CommandRunner primary;
    private final SqlConsole console;
    private final Duration timeout;

    public PrimaryDataVolume(CommandRunner primary, SqlConsole console, Duration timeout) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.console = Objects.requireNonNull(console, "console");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public OptionalLong freeBytes() {
        try {
            List<List<String>> rows = console.query("postgres", "SELECT pg_catalog.current_setting('data_directory')");
            String dir = rows.get(0).get(0);
            try (RunningCommand df = primary.start(CommandSpec.of("df", "-P", "-k", dir))) {
                df.stdin().close();
                String out = new String(df.stdout().readAllBytes(), StandardCharsets.UTF_8);
                int exit = df.waitFor(timeout);
                if (exit != 0) {
                    LOG.debug("df on {} exited {}: {}", primary.describe(), exit, df.stderrTail());
                    return OptionalLong.empty();
                }
                return parse(out);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the free space of the target's data volume on {}: {}", primary.describe(),
                    e.toString());
            return OptionalLong.empty();
        }
    }

    /** POSIX {@code df -P -k}: a header, then filesystem, 1024-blocks, used, available, capacity, mount point. */
    static OptionalLong parse(String dfOutput) {
        String[] lines = dfOutput.strip().split("\n");
        if (lines.length < 2) {
            return OptionalLong.empty();
        }
        String[] cols = lines[lines.length - 1].trim().split("\\s+");
        try {
            return cols.length >= 4 ? OptionalLong.of(Long.parseLong(cols[cols.length - 3]) * 1024) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
