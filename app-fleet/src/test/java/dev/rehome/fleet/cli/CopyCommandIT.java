package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code copy} through the real jar: both engines, the JSON report, refusal of a non-empty target, no leaks. */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CopyCommandIT {
    private static FleetServers servers;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        servers = FleetServers.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump-restore", "jdbc-direct"})
    void copiesTheTrapDatabaseVerifiesItFullyAndWritesTheJsonReport(String engine) throws Exception {
        FleetJar jar = new FleetJar(work);
        String db = "copy_" + engine.replace('-', '_');
        Path json = work.resolve("report.json");
        FleetJar.Result r = jar.run(Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD), "copy",
                "--source", servers.sourceUrl(), "--target", servers.targetUrl(db),
                "--source-password-file", jar.passwordFile("src.pw", FleetServers.SOURCE_PASSWORD).toString(),
                "--engine", engine, "--verify", "full", "--report-json", json.toString());

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).startsWith("# rehome copy: passed").contains("| public.players | 76 | 76 | yes |");
        JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(report.get("result").asString()).isEqualTo("passed");
        assertThat(report.get("engine").asString()).isEqualTo(engine);
        assertThat(report.get("durationMillis").asLong()).isPositive();
        assertThat(report.get("tables")).anySatisfy(t -> {
            assertThat(t.get("name").asString()).isEqualTo("public.players");
            assertThat(t.get("sourceRows").asLong()).isEqualTo(76);
            assertThat(t.get("targetRows").asLong()).isEqualTo(76);
            assertThat(t.get("match").asBoolean()).isTrue();
        });
        assertThat(report.get("tables")).allSatisfy(t -> assertThat(t.get("match").asBoolean()).isTrue());
        assertThat(report.get("sequences")).anySatisfy(s -> {
            assertThat(s.get("name").asString()).isEqualTo("trap.ticket_numbers");
            assertThat(s.get("source").asLong()).isEqualTo(s.get("target").asLong());
            assertThat(s.get("match").asBoolean()).isTrue();
        });
        assertThat(report.get("findings")).isEmpty();
        assertThat(report.get("notices").toString()).contains("trap_reader");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump-restore", "jdbc-direct"})
    void makesTheOwnerRoleOwnEveryObjectAndTheOwnershipCheckAgrees(String engine) throws Exception {
        servers.target.execute("postgres", "DO $$ BEGIN CREATE ROLE shop_owner; EXCEPTION WHEN duplicate_object THEN"
                + " NULL; END $$");
        FleetJar jar = new FleetJar(work);
        String db = "owned_" + engine.replace('-', '_');
        FleetJar.Result r = jar.run(Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD), "copy",
                "--source", servers.sourceUrl(), "--target", servers.targetUrl(db), "--owner", "shop_owner",
                "--source-password-file", jar.passwordFile("src.pw", FleetServers.SOURCE_PASSWORD).toString(),
                "--engine", engine);

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("| checks | rows, checksum, sequence, schema, large-objects, ownership |");
        try (Connection c = servers.target.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = relnamespace"
                     + " WHERE nspname = 'public' AND relname = 'players'"
                     + " AND pg_get_userbyid(relowner) = 'shop_owner'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void neverShowsAPasswordInAnyProcessArgvLogOrReport() throws Exception {
        FleetJar jar = new FleetJar(work);
        Path json = work.resolve("report.json");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> leaks = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread spy = new Thread(() -> {
            while (running.get()) {
                scanArgv(seen, leaks);
            }
        }, "argv-spy");
        spy.start();
        FleetJar.Result r;
        try {
            r = jar.run(Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD), "copy",
                    "--source", servers.sourceUrl(), "--target", servers.targetUrl("copy_spied"),
                    "--source-password-file", jar.passwordFile("src.pw", FleetServers.SOURCE_PASSWORD).toString(),
                    "--report-json", json.toString());
        } finally {
            running.set(false);
            spy.join();
        }

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(seen).as("the spy saw the copy's child processes").anyMatch(a -> a.contains("pg_dump"))
                .anyMatch(a -> a.contains("pg_restore"));
        assertThat(leaks).as("argv holding a password").isEmpty();
        String everything = r.all() + jar.logs() + Files.readString(json, StandardCharsets.UTF_8);
        assertThat(jar.logs()).as("the log file was written").isNotBlank();
        assertThat(everything).doesNotContain(FleetServers.SOURCE_PASSWORD).doesNotContain(FleetServers.TARGET_PASSWORD);
    }

    @Test
    void refusesANonEmptyTargetWithExit3AndChangesNothingInIt() throws Exception {
        servers.target.createDatabase("occupied");
        servers.target.execute("occupied", "CREATE TABLE public.keep(id int PRIMARY KEY, v text);"
                + " INSERT INTO public.keep SELECT g, md5(g::text) FROM generate_series(1, 50) g");
        List<String> before = snapshot("occupied");
        FleetJar jar = new FleetJar(work);

        FleetJar.Result r = jar.run(Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD), "copy",
                "--source", servers.sourceUrl(), "--target", servers.targetUrl("occupied"),
                "--source-password-file", jar.passwordFile("src.pw", FleetServers.SOURCE_PASSWORD).toString());

        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.stderr().strip().lines()).hasSize(1).first().asString()
                .contains("not empty").contains("--clean").contains("keep");
        assertThat(snapshot("occupied")).isEqualTo(before);
    }

    @Test
    void cleanReplacesANonEmptyTarget() throws Exception {
        servers.target.createDatabase("to_clean");
        servers.target.execute("to_clean", "CREATE TABLE public.old_stuff(id int)");
        FleetJar jar = new FleetJar(work);

        FleetJar.Result r = jar.run(Map.of("PGPASSWORD", FleetServers.TARGET_PASSWORD), "copy", "--clean",
                "--verify", "counts", "--source", servers.sourceUrl(), "--target", servers.targetUrl("to_clean"),
                "--source-password-file", jar.passwordFile("src.pw", FleetServers.SOURCE_PASSWORD).toString());

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("dropped and recreated");
        assertThat(snapshot("to_clean")).doesNotContain("public.old_stuff").contains("public.players");
    }

    /** Every user table with its rows in order, for a before/after comparison. */
    private static List<String> snapshot(String db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = servers.target.connect(db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                    + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                out.add(t);
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + t + " t ORDER BY 1")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private static void scanArgv(Set<String> seen, List<String> leaks) {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String argv = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    seen.add(argv);
                    if (argv.contains(FleetServers.SOURCE_PASSWORD) || argv.contains(FleetServers.TARGET_PASSWORD)) {
                        synchronized (leaks) {
                            leaks.add(argv);
                        }
                    }
                } catch (IOException gone) {
                    // the process exited between listing and reading
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
