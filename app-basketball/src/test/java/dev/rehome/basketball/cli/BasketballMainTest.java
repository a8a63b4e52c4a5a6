package dev.rehome.basketball.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without servers: help, usage errors, refusals, exit codes. */
class BasketballMainTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BasketballMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), dir.resolve("rehome.log"));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpTeachesTheFirstCommandAndTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("migrate --sandbox").contains("plan").contains("Exit codes: 0 done, 1 verification failed");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String c : new String[] {"plan", "migrate", "verify", "rollback", "retire", "status"}) {
            assertThat(run(c, "--help")).as(c).isZero();
        }
        assertThat(out()).contains("--delete-volume").contains("--gitops-dir").contains("--engine").contains("--dry-run");
    }

    @Test
    void eachSubcommandShowsOnlyItsOwnOptionsAndStillTakesTheContractsOnes() {
        assertThat(run("status", "--help")).isZero();
        assertThat(out()).contains("--journal-dir", "--output", "--kubeconfig")
                .doesNotContain("--engine").doesNotContainPattern("(?m)^\\s+--yes\\b").doesNotContain("--dry-run")
                .doesNotContain("--report-json").doesNotContain("--health-url");
        out.reset();
        assertThat(run("verify", "--help")).isZero();
        assertThat(out()).contains("--output").doesNotContainPattern("(?m)^\\s+--yes\\b").doesNotContain("--gitops-dir");
        out.reset();
        assertThat(run("migrate", "--help")).isZero();
        assertThat(out()).contains("--engine", "--gitops-dir", "--health-url", "--dry-run", "--yes", "--report-json",
                "--output");

        out.reset();
        Path kubeconfig = dir.resolve("no-such-kubeconfig");
        assertThat(run("status", "--engine", "jdbc-direct", "--yes", "--journal-dir", dir.resolve("journal").toString(),
                "--kubeconfig", kubeconfig.toString())).as("the contract lists them for every command").isZero();
    }

    @Test
    void theVersionIsTheBuildsAndTheSameInBothClis() {
        assertThat(run("--version")).isZero();
        assertThat(out().strip()).isEqualTo("rehome-basketball " + dev.rehome.cutover.cli.BuildVersion.version());
        assertThat(dev.rehome.cutover.cli.BuildVersion.version()).as("filtered from the pom at build time")
                .matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("migrate", "--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("--frobnicate").contains("Try 'rehome-basketball migrate --help'");
        err.reset();
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("Try 'rehome-basketball --help'").doesNotContain("rehome-basketball rehome-basketball");
    }

    @Test
    void helpAndShellCompletionAreSubcommands() {
        assertThat(run("help", "migrate")).isZero();
        assertThat(out()).contains("--sandbox");
        out.reset();
        assertThat(run("generate-completion")).isZero();
        assertThat(out()).contains("complete").contains("rehome-basketball");
    }

    @Test
    void statusReadsTheLocalJournalWithoutACluster() {
        Path kubeconfig = dir.resolve("no-such-kubeconfig");
        assertThat(run("status", "--journal-dir", dir.resolve("journal").toString(), "--kubeconfig", kubeconfig.toString()))
                .as(err()).isZero();
        assertThat(out()).contains("# basketball:basketball-api/postgres->postgres/pal-e-postgres/basketball")
                .contains("(nothing run yet)");
    }

    @Test
    void statusAsJsonIsTheJournalAScriptCanRead() throws Exception {
        Path kubeconfig = dir.resolve("no-such-kubeconfig");
        assertThat(run("status", "-o", "json", "--journal-dir", dir.resolve("journal").toString(), "--kubeconfig",
                kubeconfig.toString())).as(err()).isZero();
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(out());
        assertThat(json.get("journals").get(0).get("plan").asString())
                .isEqualTo("basketball:basketball-api/postgres->postgres/pal-e-postgres/basketball");
        assertThat(json.get("journals").get(1).get("plan").asString()).endsWith(":retire");
    }

    @Test
    void noArgumentsPrintsUsageOnStderr() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void changingCommandsRefuseWithoutATerminalOrYes() {
        for (String c : new String[] {"migrate", "rollback", "retire"}) {
            out.reset();
            err.reset();
            assertThat(run(c)).as(c).isEqualTo(3);
            assertThat(err()).contains("--yes").contains("no terminal");
        }
    }

    @Test
    void aBadConfigFileIsAUsageErrorNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "source:\n  pvcc: x\n");
        assertThat(run("plan", "--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown key 'source.pvcc'").contains("Log: ");
    }
}
