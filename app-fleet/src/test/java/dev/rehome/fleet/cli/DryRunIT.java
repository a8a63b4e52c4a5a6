package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy --dry-run} says what a copy would do to the target and changes nothing. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DryRunIT {
    private static FleetServers servers;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        servers = FleetServers.get();
    }

    @Test
    void aMissingTargetWouldBeCreatedButIsNot() throws Exception {
        var r = cli().run("copy", "--dry-run", "--source", servers.sourceUrl(), "--target", servers.targetUrl("dry_new"),
                "--source-password-file", sourcePassword().toString());

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("does not exist: would be created").contains("nothing was changed");
        assertThat(databaseExists("dry_new")).isFalse();
    }

    @Test
    void aTargetHoldingOnlyAFunctionWouldBeRefusedLikeTheRealCopy() throws Exception {
        servers.target.createDatabase("dry_func");
        servers.target.execute("dry_func", "CREATE FUNCTION public.leftover() RETURNS int LANGUAGE sql AS 'SELECT 1'");

        var dry = cli().run("copy", "--dry-run", "--source", servers.sourceUrl(), "--target",
                servers.targetUrl("dry_func"), "--source-password-file", sourcePassword().toString());
        var real = cli().run("copy", "--source", servers.sourceUrl(), "--target", servers.targetUrl("dry_func"),
                "--source-password-file", sourcePassword().toString());

        assertThat(dry.exit()).as(dry.all()).isEqualTo(3);
        assertThat(dry.stdout()).contains("would be refused (pass --clean)");
        assertThat(real.exit()).as(real.all()).isEqualTo(3);
    }

    private InProcessCli cli() {
        return new InProcessCli(home, Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD));
    }

    private Path sourcePassword() throws Exception {
        return Files.writeString(home.resolve("src.pw"), FleetServers.SOURCE_PASSWORD);
    }

    private static boolean databaseExists(String name) throws Exception {
        try (Connection c = servers.target.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
