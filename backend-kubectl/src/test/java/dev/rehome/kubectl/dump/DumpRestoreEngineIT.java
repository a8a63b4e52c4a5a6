package dev.rehome.kubectl.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyProgress;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine against real servers: a PostgreSQL 15 source (local pg_dump is 15) and a 17 target. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DumpRestoreEngineIT {
    private static PostgresServer source;
    private static PostgresServer target;
    private static DatabaseEndpoint sourceDb;

    private final LocalCommandRunner local = new LocalCommandRunner();
    private final DumpRestoreEngine engine = new DumpRestoreEngine(local, local, java.time.Clock.systemUTC());

    @BeforeAll
    static void startServers() throws IOException {
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
        sourceDb = source.createDatabase("shop");
        try (InputStream sql = DumpRestoreEngineIT.class.getResourceAsStream("traps.sql")) {
            source.execute("shop", new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        }
        source.execute("postgres", "CREATE ROLE reporting; CREATE ROLE app_ro");
        source.execute("shop", "GRANT SELECT ON audited TO reporting; GRANT SELECT ON audited TO app_ro");
        target.execute("postgres", "CREATE ROLE app_ro; CREATE ROLE app_owner");
    }

    @AfterAll
    static void stopServers() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void copiesDataSequencesLargeObjectsWithoutFiringTriggersAndReportsProgress() throws SQLException {
        DatabaseEndpoint into = target.createDatabase("copy_plain");
        List<CopyProgress> progress = new CopyOnWriteArrayList<>();
        CopyResult result = engine.copy(new CopyRequest(sourceDb, into, CopyOptions.ofDefaults()),
                new MigrationListener() {
                    @Override
                    public void onCopyProgress(CopyProgress p) {
                        progress.add(p);
                    }
                });

        assertThat(result.engine()).isEqualTo("dump-restore");
        assertThat(result.tables()).extracting(t -> t.table().toString())
                .containsExactly("public.Mixed Case", "public.audited", "public.events", "public.events_2025", "public.nokey");
        for (String query : List.of(
                "SELECT count(*), sum(\"select\"), sum(doubled), string_agg(\"na\"\"me\"::text, ',' ORDER BY 1) FROM \"Mixed Case\"",
                "SELECT string_agg(coalesce(note, '<null>'), ',' ORDER BY id) FROM audited",
                "SELECT count(*) FROM nokey",
                "SELECT nextval('far_ahead')",
                "SELECT encode(lo_get(oid), 'hex') FROM pg_largeobject_metadata",
                "SELECT n FROM mv")) {
            assertThat(rows(target, "copy_plain", query)).as(query).isEqualTo(rows(source, "shop", query));
        }
        assertThat(rows(target, "copy_plain", "SELECT note FROM audited WHERE id = 1")).containsExactly("quiet");
        assertThat(progress).isNotEmpty().last().satisfies(p -> assertThat(p.bytes()).isPositive());
    }

    @Test
    void oneJobStreamsAndTwoJobsSpoolAndBothCopyTheSameRows() throws SQLException {
        DatabaseEndpoint streamed = target.createDatabase("copy_one_job");
        DatabaseEndpoint spooled = target.createDatabase("copy_two_jobs");
        List<String> spoolsBefore = spools();
        engine.copy(new CopyRequest(sourceDb, streamed, CopyOptions.ofDefaults().withJobs(1)), MigrationListener.NONE);
        engine.copy(new CopyRequest(sourceDb, spooled, CopyOptions.ofDefaults().withJobs(2)), MigrationListener.NONE);

        for (String query : List.of("SELECT count(*), sum(\"select\") FROM \"Mixed Case\"",
                "SELECT string_agg(coalesce(note, '<null>'), ',' ORDER BY id) FROM audited", "SELECT count(*) FROM nokey",
                "SELECT last_value || '/' || is_called FROM far_ahead",
                "SELECT encode(lo_get(oid), 'hex') FROM pg_largeobject_metadata")) {
            assertThat(rows(target, "copy_one_job", query)).as(query).isEqualTo(rows(source, "shop", query));
            assertThat(rows(target, "copy_two_jobs", query)).as(query).isEqualTo(rows(source, "shop", query));
        }
        assertThat(spools()).as("the spool is deleted").isEqualTo(spoolsBefore);
    }

    private static List<String> spools() {
        String[] names = new java.io.File(System.getProperty("java.io.tmpdir"))
                .list((dir, name) -> name.startsWith("rehome-dump-"));
        return names == null ? List.of() : List.of(names).stream().sorted().toList();
    }

    @Test
    void makesTheOwnerOwnEverythingAndSkipsGrantsToMissingRoles() throws SQLException {
        DatabaseEndpoint into = target.createDatabase("copy_owned");
        List<String> notices = new CopyOnWriteArrayList<>();
        CopyResult result = engine.copy(new CopyRequest(sourceDb, into, CopyOptions.ofDefaults().withOwner("app_owner")),
                new MigrationListener() {
                    @Override
                    public void onNotice(String message) {
                        notices.add(message);
                    }
                });

        assertThat(result.notices()).containsExactly(
                "GRANT SELECT ON TABLE public.audited TO reporting not replayed: role reporting does not exist in the target");
        assertThat(notices).isEqualTo(result.notices());
        assertThat(rows(target, "copy_owned", "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = relnamespace WHERE nspname = 'public' AND relkind IN ('r','p','v','m','S')"))
                .containsExactly("app_owner");
        assertThat(rows(target, "copy_owned", "SELECT DISTINCT pg_get_userbyid(typowner) FROM pg_type t"
                + " JOIN pg_namespace n ON n.oid = typnamespace WHERE nspname = 'public' AND typtype = 'e'"))
                .containsExactly("app_owner");
        assertThat(rows(target, "copy_owned", "SELECT DISTINCT pg_get_userbyid(lomowner) FROM pg_largeobject_metadata"))
                .containsExactly("app_owner");
        assertThat(rows(target, "copy_owned", "SELECT has_table_privilege('app_ro', 'public.audited', 'SELECT')::text"))
                .containsExactly("true");
    }

    @Test
    void givesTheOwnerSerialColumnSequencesThroughTheirTable() throws SQLException {
        DatabaseEndpoint from = source.createDatabase("serials");
        source.execute("serials", "CREATE TABLE public.\"Order Items\" (id serial PRIMARY KEY, n bigserial, note text);"
                + " INSERT INTO public.\"Order Items\" (note) VALUES ('a'), ('b')");
        DatabaseEndpoint into = target.createDatabase("serials_owned");

        engine.copy(new CopyRequest(from, into, CopyOptions.ofDefaults().withOwner("app_owner")), MigrationListener.NONE);

        assertThat(rows(target, "serials_owned", "SELECT relname || ':' || pg_get_userbyid(relowner) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = relnamespace WHERE nspname = 'public' AND relkind IN ('r','S') ORDER BY 1"))
                .containsExactly("Order Items:app_owner", "Order Items_id_seq:app_owner", "Order Items_n_seq:app_owner");
        assertThat(rows(target, "serials_owned", "SELECT nextval('public.\"Order Items_id_seq\"')::text")).containsExactly("3");
    }

    @Test
    void refusesAnOwnerMissingFromTheTargetBeforeCopyingAnything() throws SQLException {
        DatabaseEndpoint into = target.createDatabase("copy_no_owner");
        assertThatThrownBy(() -> engine.copy(new CopyRequest(sourceDb, into,
                CopyOptions.ofDefaults().withOwner("nobody_here")), MigrationListener.NONE))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("nobody_here");
        assertThat(rows(target, "copy_no_owner", "SELECT count(*) FROM pg_class WHERE relname = 'audited'"))
                .containsExactly("0");
    }

    @Test
    void failsWithPgRestoresStderrWhenTheRestoreHitsAnError() {
        DatabaseEndpoint into = target.createDatabase("copy_clash");
        target.execute("copy_clash", "CREATE TABLE public.audited(x int)");
        assertThatThrownBy(() -> engine.copy(new CopyRequest(sourceDb, into, CopyOptions.ofDefaults()),
                MigrationListener.NONE))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("pg_restore locally");
                    assertThat(e.stderrTail()).contains("audited");
                    assertThat(e.exitCode()).isNotZero();
                });
    }

    @Test
    void aWrongPasswordIsAnUnreachableServerAndNeverShowsThePassword() {
        String canary = "Wr0ng-canary-" + System.nanoTime();
        source.createLoginRole("alice", Secret.of("right-one"), "shop");
        DatabaseEndpoint wrong = DatabaseEndpoint.of(source.host(), source.port(), "shop", "alice", Secret.of(canary));
        DatabaseEndpoint into = target.createDatabase("copy_denied");
        assertThatThrownBy(() -> engine.copy(new CopyRequest(wrong, into, CopyOptions.ofDefaults()),
                MigrationListener.NONE))
                .isInstanceOf(UnreachableException.class)
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(canary);
    }

    private static List<String> rows(PostgresServer server, String db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
