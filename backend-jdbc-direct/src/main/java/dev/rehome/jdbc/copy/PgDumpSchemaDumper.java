package dev.rehome.jdbc.copy;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.core.spi.LocalCommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final Optional<DatabaseEndpoint> endpointWhereItRuns;
    private volatile int toolMajor;

    public PgDumpSchemaDumper(CommandRunner runner, String program) {
        this(runner, program, Optional.empty());
    }

    private PgDumpSchemaDumper(CommandRunner runner, String program, Optional<DatabaseEndpoint> endpointWhereItRuns) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.program = Objects.requireNonNull(program, "program");
        this.endpointWhereItRuns = Objects.requireNonNull(endpointWhereItRuns, "endpointWhereItRuns");
    }

    /**
     * pg_dump run by {@code runner} where the source server is reached as {@code endpointThere} (e.g. in the
     * source pod: {@code /var/run/postgresql}, user {@code postgres}, no password), whatever endpoint the JDBC
     * sessions use. An exported snapshot belongs to the server, so pg_dump can join it over any connection.
     */
    public static PgDumpSchemaDumper runningWhere(CommandRunner runner, String program, DatabaseEndpoint endpointThere) {
        return new PgDumpSchemaDumper(runner, program, Optional.of(endpointThere));
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
        return new String(run(connectionSpec(argv, endpointWhereItRuns.orElse(source))), StandardCharsets.UTF_8);
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
        CommandSpec spec = new CommandSpec(argv, Map.of(), Map.of())
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
