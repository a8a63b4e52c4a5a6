package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After one good copy, each test damages its own clone of the target (CREATE DATABASE ... TEMPLATE) and
 * {@code verify} must exit 1 with a finding that names exactly what differs. Runs the CLI in process for speed.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class VerifyMutationIT {
    private static final String GOOD = "mutation_base";
    private static FleetServers servers;
    private static InProcessCli cli;

    @TempDir
    Path work;

    @BeforeAll
    static void copyOnce(@TempDir Path home) throws Exception {
        servers = FleetServers.get();
        Path pw = home.resolve("src.pw");
        Files.writeString(pw, FleetServers.SOURCE_PASSWORD);
        InProcessCli copier = new InProcessCli(home, Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD));
        InProcessCli.Result copy = copier.run("copy", "--source", servers.sourceUrl(), "--target",
                servers.targetUrl(GOOD), "--source-password-file", pw.toString(), "--verify", "counts");
        assertThat(copy.exit()).as(copy.all()).isZero();
        // verify finds both passwords in ~/.pgpass (PGPASSWORD would win over it, so it is not set)
        Files.writeString(home.resolve(".pgpass"), "# rehome test\n"
                + "127.0.0.1:" + servers.source.port() + ":*:" + FleetServers.SOURCE_USER + ":"
                + FleetServers.SOURCE_PASSWORD.replace(":", "\\:") + "\n"
                + "*:*:*:" + FleetServers.TARGET_USER + ":" + FleetServers.TARGET_PASSWORD + "\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-------"));
        cli = new InProcessCli(home, Map.of());
    }

    @Test
    void anUndamagedCloneVerifiesFullyWithExit0AndSourcePasswordFromPgpass() {
        InProcessCli.Result r = verify(damaged("clone_ok", ""));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).startsWith("# rehome verify: passed");
    }

    @Test
    void aDeletedRowIsNamedByTableWithBothCounts() {
        InProcessCli.Result r = verify(damaged("m_deleted", "DELETE FROM public.players WHERE id = 17"));
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.stdout()).contains("- rows: public.players: source 76, target 75");
    }

    @Test
    void oneChangedByteIsFoundByTheContentChecksumOfThatTable() {
        // 'player 1' -> 'player l': one byte of one value
        InProcessCli.Result r = verify(damaged("m_byte", "UPDATE public.players SET name = 'player l' WHERE id = 1"));
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.stdout()).contains("- checksum: public.players: ").doesNotContain("- rows: public.players");
    }

    @Test
    void aResetSequenceIsNamedWithBothPositions() {
        InProcessCli.Result r = verify(damaged("m_seq", "SELECT setval('trap.ticket_numbers', 1, false)"));
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.stdout()).contains("- sequence: trap.ticket_numbers: source 8000000001");
    }

    @Test
    void aDroppedIndexIsNamedByTheSchemaCheckAndInTheJsonReport() throws Exception {
        Path json = work.resolve("verify.json");
        InProcessCli.Result r = verify(damaged("m_index", "DROP INDEX public.players_name_idx"),
                "--report-json", json.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.stdout()).containsPattern("- schema: index public\\.players_name_idx.*target missing");
        JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(report.get("result").asString()).isEqualTo("failed");
        assertThat(report.get("findings")).anySatisfy(f -> {
            assertThat(f.get("check").asString()).isEqualTo("schema");
            assertThat(f.get("object").asString()).contains("players_name_idx");
        });
    }

    @Test
    void countsLevelSeesADeletedRowButNotAChangedValue() {
        String db = damaged("m_counts", "UPDATE public.players SET team = 'x' WHERE id = 3");
        InProcessCli.Result r = cli.run("verify", "--source", servers.sourceUrl(), "--target", servers.targetUrl(db),
                "--level", "counts");
        assertThat(r.exit()).as(r.all()).isZero();
    }

    private InProcessCli.Result verify(String db, String... extra) {
        String[] base = {"verify", "--source", servers.sourceUrl(), "--target", servers.targetUrl(db), "--level", "full"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.run(args);
    }

    /** A clone of the good copy with {@code damage} applied. */
    private static String damaged(String name, String damage) {
        servers.target.execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + GOOD);
        if (!damage.isEmpty()) {
            servers.target.execute(name, damage);
        }
        return name;
    }
}
