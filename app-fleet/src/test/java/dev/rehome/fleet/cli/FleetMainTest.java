package dev.rehome.fleet.cli;

import dev.rehome.cutover.LocalEngines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetMainTest {
    @TempDir
    Path home;

    @Test
    void helpTeachesWithExamplesAndExitCodes() {
        var r = new InProcessCli(home, Map.of()).run("copy", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).contains("Examples:", "copy --sandbox", "--report-json", "Exit codes:", "dump-restore");
    }

    @Test
    void theVersionIsTheBuildsAndTheSameInBothClis() {
        var r = new InProcessCli(home, Map.of()).run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("rehome-fleet " + dev.rehome.cutover.cli.BuildVersion.version());
        assertThat(new InProcessCli(home, Map.of()).run("copy", "--version").stdout().strip())
                .as("a subcommand names the CLI, not itself").isEqualTo(r.stdout().strip());
        var completion = new InProcessCli(home, Map.of()).run("generate-completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.stdout()).contains("complete").contains("rehome-fleet");
    }

    @Test
    void missingEndpointsAndBadValuesAreUsageErrors() {
        InProcessCli cli = new InProcessCli(home, Map.of());
        assertThat(cli.run("copy").exit()).isEqualTo(2);
        assertThat(cli.run("verify", "--source", "postgresql://a@h/d").exit()).isEqualTo(2);
        var badLevel = cli.run("verify", "--source", "postgresql://a@h/d", "--target", "postgresql://a@h/e",
                "--level", "most");
        assertThat(badLevel.exit()).isEqualTo(2);
        assertThat(badLevel.stderr()).contains("'most' is not a verification level; use one of counts, full").contains("--help");
        assertThat(cli.run("copy", "--jobs", "0", "--source", "postgresql://a@h/d", "--target", "postgresql://a@h/e")
                .exit()).isEqualTo(2);
        assertThat(cli.run().exit()).isEqualTo(2);
    }

    @Test
    void failuresBecomeTheirExitCodeWithOneLineAndUnexpectedOnesPointToTheLog() {
        Path log = home.resolve("the.log");
        var refused = run(log, () -> {
            throw new RefusedException("target is not empty");
        });
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.stderr().strip()).isEqualTo("rehome-fleet verify: target is not empty");

        var failed = run(log, () -> {
            throw new OperationFailedException("pg_restore exited 1:\nline one\nline two");
        });
        assertThat(failed.exit()).isEqualTo(5);
        assertThat(failed.stderr().strip().lines()).hasSize(1);

        var bug = run(log, () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(bug.exit()).isEqualTo(5);
        assertThat(bug.stderr().strip()).isEqualTo("rehome-fleet verify: unexpected error (IllegalStateException: boom);"
                + " see log file " + log);
        assertThat(bug.stderr()).doesNotContain("\tat ");
    }

    /** Runs {@code verify} with a verifier that throws what {@code failure} throws. */
    private InProcessCli.Result run(Path log, Runnable failure) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        CliContext context = new CliContext(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true),
                Map.of(), home, java.time.Clock.systemUTC(), false, log, LocalEngines.catalog(java.time.Clock.systemUTC()), level -> (s, t) -> {
                    failure.run();
                    return dev.rehome.core.VerificationReport.empty();
                });
        int exit = FleetMain.execute(new String[] {"verify", "--source", "postgresql://a@h/d", "--target",
            "postgresql://a@h/e"}, context);
        return new InProcessCli.Result(exit, out.toString(), err.toString());
    }
}
