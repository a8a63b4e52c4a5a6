package dev.rehome.kubectl.dump;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationException;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Runs short client programs to completion (psql queries and scripts) and turns a failed program into the right
 * exception: a login or network failure is an {@link UnreachableException} (exit 4), anything else a
 * {@link CommandFailedException} with the stderr tail (exit 5). Thread-safe.
 */
final class ClientPrograms {
    /** libpq's wording when it cannot connect or log in. */
    private static final Pattern CONNECTION_FAILURE = Pattern.compile(
            "password authentication failed|no password supplied|could not connect|connection to server .* failed"
                    + "|Connection refused|could not translate host name|timeout expired"
                    + "|role \"[^\"]*\" does not exist|database \"[^\"]*\" does not exist|no pg_hba.conf entry");

    private final CommandRunner runner;
    private final Duration timeout;

    ClientPrograms(CommandRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Runs a query made with {@link PgClientCommands#psqlQuery} and splits its rows into fields. */
    List<List<String>> query(CommandSpec spec, DatabaseEndpoint endpoint) {
        String out = new String(run(spec, endpoint, new byte[0]), StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        for (String row : out.split("\0")) {
            if (!row.isEmpty() && !row.equals("\n")) {
                rows.add(List.of(row.split("\u001f", -1)));
            }
        }
        return rows;
    }

    /** Runs a program with {@code stdin} as its whole input and returns its whole output. */
    byte[] run(CommandSpec spec, DatabaseEndpoint endpoint, byte[] stdin) {
        try (RunningCommand cmd = runner.start(spec)) {
            try (OutputStream in = cmd.stdin()) {
                in.write(stdin);
            } catch (IOException e) {
                // the program died before reading its input; its exit code and stderr say why
            }
            byte[] out;
            try {
                out = cmd.stdout().readAllBytes();
            } catch (IOException e) {
                out = new byte[0];
            }
            int exit = cmd.waitFor(timeout);
            if (exit != 0) {
                throw failure(spec.program(), cmd, exit, endpoint);
            }
            return out;
        }
    }

    /** The exception for a program that exited {@code exit}: exit 4 for a connection failure, else exit 5. */
    static MigrationException failure(String program, RunningCommand cmd, int exit, DatabaseEndpoint endpoint) {
        String tail = cmd.stderrTail();
        if (tail.contains("server version mismatch")) {
            return new CommandFailedException(program, cmd.where(), exit, lineAround(tail, tail.indexOf("server version"))
                    + "; pg_dump must be at least the source server's major version: install a newer client"
                    + " (postgresql-client-NN) or run the dump where one lives (in the source pod)");
        }
        var matcher = CONNECTION_FAILURE.matcher(tail);
        if (matcher.find()) {
            return new UnreachableException(program + " " + cmd.where() + " cannot connect to " + endpoint.describe()
                    + ": " + lineAround(tail, matcher.start()) + "; check host, port, user and the password"
                    + " (PGPASSWORD, ~/.pgpass or the password file)");
        }
        return new CommandFailedException(program, cmd.where(), exit, tail);
    }

    private static String lineAround(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }
}
