package dev.rehome.jdbc.copy;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.jdbc.copy.internal.LocalCommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code pg_dump --schema-only --section=...} through a {@link CommandRunner}. Connection details travel as
 * libpq environment variables ({@code PGHOST}, {@code PGDATABASE}, ...; the password as {@code PGPASSWORD}), so
 * no name needs quoting and no secret reaches argv. {@code pg_dump} refuses servers newer than itself, so this
 * checks the version first and says where a matching pg_dump must run. Thread-safe.
 */
public final class PgDumpSchemaDumper implements SchemaDumper {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final CommandRunner runner;
    private final String program;
    private volatile int toolMajor;

    public PgDumpSchemaDumper(CommandRunner runner, String program) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.program = Objects.requireNonNull(program, "program");
    }

    /** The machine's own {@code pg_dump} from {@code PATH}. */
    public static PgDumpSchemaDumper local() {
        return new PgDumpSchemaDumper(new LocalCommandRunner(), "pg_dump");
    }

    @Override
    public String dump(DatabaseEndpoint source, int sourceMajor, String snapshotId, DumpSection section) {
        int major = toolMajor();
        if (sourceMajor > major) {
            throw new OperationFailedException("the source " + source.describe() + " runs PostgreSQL " + sourceMajor
                    + " but pg_dump " + runner.describe() + " is version " + major + "; run the copy with a pg_dump of"
                    + " version " + sourceMajor + " or newer (e.g. the one in the source pod) or use --engine dump-restore");
        }
        List<String> argv = new ArrayList<>(List.of(program, "--schema-only", "--section=" + section.pgDumpName(),
                "--no-owner", "--no-tablespaces", "--no-subscriptions", "--no-publications", "--no-security-labels",
                "--quote-all-identifiers", "--no-password", "--snapshot=" + snapshotId));
        return new String(run(connectionSpec(argv, source)), StandardCharsets.UTF_8);
    }

    private int toolMajor() {
        if (toolMajor == 0) {
            String out = new String(run(CommandSpec.of(program, "--version")), StandardCharsets.UTF_8);
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                throw new OperationFailedException("cannot tell the version of " + program + " " + runner.describe()
                        + " from '" + out.strip() + "'");
            }
            toolMajor = Integer.parseInt(m.group(1));
        }
        return toolMajor;
    }

    private static CommandSpec connectionSpec(List<String> argv, DatabaseEndpoint source) {
        CommandSpec spec = new CommandSpec(argv, java.util.Map.of(), java.util.Map.of())
                .withEnv("PGHOST", source.host())
                .withEnv("PGPORT", Integer.toString(source.port()))
                .withEnv("PGDATABASE", source.database())
                .withEnv("PGUSER", source.user())
                .withEnv("PGAPPNAME", "rehome-schema")
                .withEnv("PGCONNECT_TIMEOUT", "10");
        String sslmode = source.options().get("sslmode");
        if (sslmode != null) {
            spec = spec.withEnv("PGSSLMODE", sslmode);
        }
        return source.password().isEmpty() ? spec : spec.withSecretEnv("PGPASSWORD", source.password());
    }

    private byte[] run(CommandSpec spec) {
        try (RunningCommand command = runner.start(spec)) {
            command.stdin().close();
            byte[] out;
            try (InputStream in = command.stdout()) {
                out = in.readAllBytes();
            }
            int exit = command.waitFor(TIMEOUT);
            if (exit != 0) {
                throw new CommandFailedException(spec.program(), command.where(), exit, command.stderrTail());
            }
            return out;
        } catch (IOException e) {
            throw new OperationFailedException(spec.program() + " " + runner.describe() + " failed: " + e.getMessage(), e);
        }
    }
}
