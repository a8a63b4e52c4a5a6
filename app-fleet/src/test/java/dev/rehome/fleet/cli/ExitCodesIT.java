package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The jar's exit codes and one-line messages for the failures users hit first. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ExitCodesIT {
    private static FleetServers servers;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        servers = FleetServers.get();
    }

    @Test
    void aWrongPasswordExits4WithOneLineAndNoStackTrace() throws Exception {
        FleetJar jar = new FleetJar(work);
        FleetJar.Result r = jar.run(Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD), "copy",
                "--source", servers.sourceUrl(), "--target", servers.targetUrl("never_made"),
                "--source-password-file", jar.passwordFile("wrong.pw", "not-the-password").toString());

        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.stderr().strip().lines()).hasSize(1).first().asString()
                .contains("alice").contains("password").doesNotContain("not-the-password");
        assertThat(r.all()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void anUnreachablePortExits4() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        FleetJar.Result r = new FleetJar(work).run(Map.of(), "verify",
                "--source", "postgresql://alice@127.0.0.1:" + closedPort + "/shop", "--target", servers.targetUrl("x"));

        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.stderr().strip().lines()).hasSize(1).first().asString()
                .contains("127.0.0.1:" + closedPort);
        assertThat(r.all()).doesNotContain("\tat ");
    }

    @Test
    void anUnknownFlagExits2AndPointsToHelp() throws Exception {
        FleetJar.Result r = new FleetJar(work).run(Map.of(), "copy", "--sauce", "x");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("--sauce").contains("--help");
    }

    @Test
    void aPasswordInTheUrlIsRefusedAsAUsageErrorWithoutEchoingIt() throws Exception {
        FleetJar.Result r = new FleetJar(work).run(Map.of(), "verify",
                "--source", "postgresql://alice:hunter2@127.0.0.1/shop", "--target", servers.targetUrl("x"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("password").doesNotContain("hunter2");
    }
}
