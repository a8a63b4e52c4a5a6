package dev.rehome.kubectl.provision;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@link SqlConsole} over {@code psql} started by a {@link CommandRunner}, in the CNPG primary's
 * {@code postgres} container as {@code kubectl cnpg psql} does (local peer auth as {@code postgres}, no
 * password). The statement goes in argv with {@code -c}, never through stdin (the exec protocol cannot signal
 * end of stdin), so it must hold no secret. {@code ON_ERROR_STOP} makes SQL errors a non-zero exit.
 */
public final class PsqlConsole implements SqlConsole {
    private static final String NULL = "\u2400";
    private final CommandRunner runner;
    private final Duration timeout;

    public PsqlConsole(CommandRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public List<List<String>> query(String database, String sql) {
        CommandSpec spec = CommandSpec.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-d", database,
                "-A", "-t", "-F", "\t", "-P", "null=" + NULL, "-c", sql);
        try (RunningCommand cmd = runner.start(spec)) {
            cmd.stdin().close();
            String out = readAll(cmd.stdout());
            int exit = cmd.waitFor(timeout);
            if (exit != 0) {
                throw new CommandFailedException("psql", cmd.where(), exit, cmd.stderrTail());
            }
            return parse(out);
        } catch (IOException e) {
            throw new OperationFailedException("psql " + runner.describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String where() {
        return runner.describe();
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    static List<List<String>> parse(String out) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            rows.add(Arrays.stream(line.split("\t", -1)).map(v -> NULL.equals(v) ? null : v).toList());
        }
        return rows;
    }
}
