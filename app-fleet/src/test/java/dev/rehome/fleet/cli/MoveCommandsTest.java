package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MoveCommandsTest {
    @TempDir
    Path home;

    private InProcessCli cli() {
        return new InProcessCli(home, Map.of());
    }

    @Test
    void migrateWithoutATerminalAndWithoutYesRefusesBeforeTouchingAnything() {
        var r = cli().run("migrate", "mcd-tracker/postgres", "--into", "postgres/pal-e-postgres",
                "--kubeconfig", home.resolve("missing").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.stderr()).contains("pass --yes");
    }

    @Test
    void retireWithoutATerminalAndWithoutYesRefuses() {
        var r = cli().run("retire", "mcd-tracker/postgres", "--into", "postgres/pal-e-postgres");
        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    void migrateNeedsEitherAWorkloadOrAllUncovered() {
        assertThat(cli().run("migrate", "--into", "postgres/pal-e-postgres", "--yes").exit()).isEqualTo(2);
        assertThat(cli().run("migrate", "a/postgres", "--all-uncovered", "--into", "postgres/pal-e-postgres", "--yes")
                .exit()).isEqualTo(2);
    }

    @Test
    void planNeedsIntoAsNamespaceSlashCluster() {
        assertThat(cli().run("plan", "mcd-tracker/postgres").exit()).isEqualTo(2);
        var r = cli().run("plan", "mcd-tracker/postgres", "--into", "pal-e-postgres");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("NAMESPACE/NAME");
    }

    @Test
    void aMissingKubeconfigIsAUsageError() {
        var r = cli().run("plan", "mcd-tracker/postgres", "--into", "postgres/pal-e-postgres",
                "--kubeconfig", home.resolve("missing").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("does not exist");
    }
}
