package dev.rehome.jdbc.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgDumpSchemaDumperTest {
    private final List<CommandSpec> started = new ArrayList<>();
    private final DatabaseEndpoint source = DatabaseEndpoint.of("db.example", 5432, "shop", "app", Secret.of("tops3cret"));

    @Test
    void refusesASourceNewerThanItsPgDumpAndSaysWhereAMatchingOneMustRun() {
        PgDumpSchemaDumper dumper = new PgDumpSchemaDumper(fakeRunner("pg_dump (PostgreSQL) 15.18\n"), "pg_dump");

        assertThatThrownBy(() -> dumper.dump(source, 17, "00000003-0000001B-1", DumpSection.PRE_DATA))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("PostgreSQL 17").hasMessageContaining("version 15").hasMessageContaining("source pod");
        assertThat(started).hasSize(1);
    }

    @Test
    void passesConnectionDetailsAsEnvironmentAndThePasswordOnlyAsSecretEnvironment() {
        PgDumpSchemaDumper dumper = new PgDumpSchemaDumper(fakeRunner("pg_dump (PostgreSQL) 15.18\n"), "pg_dump");

        dumper.dump(source, 15, "00000003-0000001B-1", DumpSection.POST_DATA);

        CommandSpec dump = started.get(1);
        assertThat(dump.argv()).contains("--section=post-data", "--no-owner", "--snapshot=00000003-0000001B-1",
                "--quote-all-identifiers");
        assertThat(String.join(" ", dump.argv()) + dump.env()).doesNotContain("tops3cret");
        assertThat(dump.env()).containsEntry("PGHOST", "db.example").containsEntry("PGDATABASE", "shop")
                .containsEntry("PGUSER", "app");
        assertThat(dump.secretEnv()).containsEntry("PGPASSWORD", Secret.of("tops3cret"));
    }

    @Test
    void inThePodItConnectsTheWayThePodReachesTheServer() {
        DatabaseEndpoint inPod = DatabaseEndpoint.of("/var/run/postgresql", 5432, "shop", "postgres", Secret.empty());
        PgDumpSchemaDumper dumper = PgDumpSchemaDumper.runningWhere(fakeRunner("pg_dump (PostgreSQL) 17.6\n"),
                "/usr/lib/postgresql/17/bin/pg_dump", inPod);

        dumper.dump(source, 17, "00000003-0000001B-1", DumpSection.PRE_DATA);

        CommandSpec dump = started.get(1);
        assertThat(dump.argv().get(0)).isEqualTo("/usr/lib/postgresql/17/bin/pg_dump");
        assertThat(dump.env()).containsEntry("PGHOST", "/var/run/postgresql").containsEntry("PGUSER", "postgres");
        assertThat(dump.secretEnv()).isEmpty();
    }

    private CommandRunner fakeRunner(String versionOutput) {
        return new CommandRunner() {
            @Override
            public RunningCommand start(CommandSpec spec) {
                started.add(spec);
                return finished(spec.argv().contains("--version") ? versionOutput : "-- dump\n");
            }

            @Override
            public String describe() {
                return "in a fake";
            }
        };
    }

    private static RunningCommand finished(String stdout) {
        return new RunningCommand() {
            @Override
            public OutputStream stdin() {
                return new ByteArrayOutputStream();
            }

            @Override
            public InputStream stdout() {
                return new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public int waitFor(Duration timeout) {
                return 0;
            }

            @Override
            public String stderrTail() {
                return "";
            }

            @Override
            public String where() {
                return "in a fake";
            }

            @Override
            public void close() {
            }
        };
    }
}
