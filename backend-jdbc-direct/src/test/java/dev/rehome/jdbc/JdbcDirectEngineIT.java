package dev.rehome.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyProgress;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.VerificationReport;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.jdbc.copy.PgDumpSchemaDumper;
import dev.rehome.jdbc.copy.SourceCatalog;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.Pagila;
import dev.rehome.testkit.fixtures.TrapFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JdbcDirectEngineIT {
    private static final String TRAP = "trap";
    private static PostgresServer source;
    private static PostgresServer target15;
    private static PostgresServer target17;
    private static DatabaseEndpoint trapSource;

    private final JdbcDirectEngine engine = new JdbcDirectEngine(java.time.Clock.systemUTC());
    private final TargetGuard guard = new TargetGuard();

    @BeforeAll
    static void startServers() {
        source = PostgresServers.start(15);
        target15 = PostgresServers.start(15);
        target17 = PostgresServers.start(17);
        trapSource = TrapFixture.create(source, TRAP);
    }

    @AfterAll
    static void stopServers() {
        for (PostgresServer s : new PostgresServer[] {source, target15, target17}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void copiesEveryTrapExactlyIntoAFreshTargetOfTheSameMajor() {
        List<CopyProgress> progress = new CopyOnWriteArrayList<>();
        CopyResult result = copy(trapSource, target15, "trap_same", CopyOptions.ofDefaults().withJobs(2), progress);

        assertSameContents(source, TRAP, target15, "trap_same");
        assertProjectVerifierAgrees(trapSource, target15.endpoint("trap_same"));
        assertTrapInvariants(target15, "trap_same"); // last: it writes to the target
        assertThat(result.engine()).isEqualTo("jdbc-direct");
        assertThat(result.notices()).filteredOn(n -> n.startsWith("GRANT")).hasSize(2).allSatisfy(n -> assertThat(n)
                .contains("TO \"trap_reader\" not replayed: role trap_reader does not exist in the target"));
        assertThat(result.notices()).anySatisfy(n -> assertThat(n).contains("work_mem=16MB of role trap_reader not copied"));
        assertThat(q(target15, "trap_same", "SELECT has_table_privilege('public', 'trap.\"order\"', 'SELECT')")).isEqualTo("t");
        assertThat(progress).isNotEmpty();
        CopyProgress last = progress.get(progress.size() - 1);
        assertThat(last.tablesDone()).isEqualTo(last.tablesTotal()).isEqualTo(result.tables().size());
        assertThat(last.rows()).isEqualTo(result.totalRows());
    }

    @Test
    void copiesEveryTrapFrom15To17WithBigTablesSplitIntoPageRanges() {
        DatabaseEndpoint target = target17.endpoint("trap_newer");
        guard.prepare(target, Optional.empty(), false);
        engine.withSplitThreshold(64 * 1024).copy(new CopyRequest(trapSource, target, CopyOptions.ofDefaults().withJobs(3)),
                MigrationListener.NONE);

        assertSameContents(source, TRAP, target17, "trap_newer");
        assertTrapInvariants(target17, "trap_newer");
    }

    @Test
    void copiesEveryTrapFrom15To18() {
        try (PostgresServer target18 = PostgresServers.start(18)) {
            copy(trapSource, target18, "trap_18", CopyOptions.ofDefaults().withJobs(2), new CopyOnWriteArrayList<>());

            assertSameContents(source, TRAP, target18, "trap_18");
            assertTrapInvariants(target18, "trap_18");
        }
    }

    @Test
    void makesTheOwnerRoleOwnEveryObject() {
        target17.execute("postgres", "CREATE ROLE app_owner NOLOGIN");
        copy(trapSource, target17, "trap_owned", CopyOptions.ofDefaults().withOwner("app_owner"), new CopyOnWriteArrayList<>());

        assertSameContents(source, TRAP, target17, "trap_owned");
        String notOwned = IndependentComparison.query(target17, "trap_owned", """
                SELECT coalesce(string_agg(what, ', '), '') FROM (
                  SELECT 'relation ' || c.oid::regclass AS what FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
                     AND c.relowner <> 'app_owner'::regrole
                  UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
                   WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' AND nspowner <> 'app_owner'::regrole
                  UNION ALL SELECT 'function ' || p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND p.proowner <> 'app_owner'::regrole
                     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
                  UNION ALL SELECT 'type ' || t.oid::regtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND t.typowner <> 'app_owner'::regrole
                     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
                  UNION ALL SELECT 'large object ' || oid FROM pg_largeobject_metadata WHERE lomowner <> 'app_owner'::regrole
                  UNION ALL SELECT 'database ' || datname FROM pg_database WHERE datname = current_database()
                     AND datdba <> 'app_owner'::regrole
                ) x""");
        assertThat(notOwned).isEmpty();
    }

    @Test
    void copiesIntoADatabaseOwnedByANonSuperuserLoginWhereAnAdministratorPreinstalledTheExtensions() {
        target17.execute("postgres", "CREATE ROLE cnpg_app LOGIN PASSWORD 'app-pass'");
        target17.execute("postgres", "CREATE DATABASE trap_app OWNER cnpg_app TEMPLATE template0 ENCODING 'UTF8'"
                + " LC_COLLATE 'C' LC_CTYPE 'C'");
        target17.execute("trap_app", "CREATE EXTENSION citext; CREATE EXTENSION hstore");
        DatabaseEndpoint app = DatabaseEndpoint.of(target17.host(), target17.port(), "trap_app", "cnpg_app", Secret.of("app-pass"));
        assertThat(guard.prepare(app, Optional.empty(), false)).isEqualTo(TargetGuard.Outcome.EMPTY);

        CopyResult result = engine.copy(new CopyRequest(trapSource, app, CopyOptions.ofDefaults().withJobs(2)), MigrationListener.NONE);

        assertSameContents(source, TRAP, target17, "trap_app");
        assertThat(result.notices()).anySatisfy(n -> assertThat(n).startsWith("COMMENT ON EXTENSION").contains("skipped"));
        assertThat(q(target17, "trap_app", "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname IN ('trap', 'Mixed Case') AND c.relowner <> 'cnpg_app'::regrole")).isEqualTo("0");
    }

    @Test
    void copiesPagilaAndAnIndependentComparisonAgrees() {
        Optional<Pagila> pagila = Pagila.locate();
        Assumptions.assumeTrue(pagila.isPresent(), "Pagila dataset not found at " + Pagila.searchedFrom() + ": skipping");
        DatabaseEndpoint from = pagila.get().create(source, "pagila");

        CopyResult result = copy(from, target17, "pagila_copy", CopyOptions.ofDefaults().withJobs(2), new CopyOnWriteArrayList<>());

        assertSameContents(source, "pagila", target17, "pagila_copy");
        assertProjectVerifierAgrees(from, target17.endpoint("pagila_copy"));
        assertThat(result.totalRows()).isGreaterThan(40_000);
        assertThat(schemaShape(target17, "pagila_copy")).isEqualTo(schemaShape(source, "pagila"));
    }

    @Test
    void streamsBuiltInTypesInBinaryAndEverythingElseAsText() throws Exception {
        try (var c = source.connect(TRAP)) {
            Map<String, Boolean> binary = new java.util.TreeMap<>();
            SourceCatalog.read(c).tables().forEach(t -> binary.put(t.table().toString(), t.binary()));

            assertThat(binary).containsEntry("trap.floats", true).containsEntry("trap.measurements_2023", true)
                    .containsEntry("trap.blobs", true).containsEntry("trap.events", true)
                    .containsEntry("trap.people", false).containsEntry("trap.order", false)
                    .containsEntry("trap.documents", true).doesNotContainKey("trap.measurements");
        }
    }

    @Test
    void passesTheSourcePasswordToPgDumpOnlyThroughTheEnvironment() {
        DatabaseEndpoint admin = source.createLoginRole("trap_admin", Secret.of("pw-in-env-only"), TRAP);
        source.execute("postgres", "ALTER ROLE trap_admin SUPERUSER");
        List<CommandSpec> started = new CopyOnWriteArrayList<>();
        LocalCommandRunner local = new LocalCommandRunner();
        CommandRunner recording = new CommandRunner() {
            @Override
            public RunningCommand start(CommandSpec spec) {
                started.add(spec);
                return local.start(spec);
            }

            @Override
            public String describe() {
                return local.describe();
            }
        };
        JdbcDirectEngine withRecordedDumps = new JdbcDirectEngine(new PgDumpSchemaDumper(recording, "pg_dump"),
                new PgConnector(), java.time.Clock.systemUTC());
        DatabaseEndpoint target = target17.endpoint("trap_by_password");
        guard.prepare(target, Optional.empty(), false);

        withRecordedDumps.copy(new CopyRequest(admin, target, CopyOptions.ofDefaults()), MigrationListener.NONE);

        assertSameContents(source, TRAP, target17, "trap_by_password");
        assertThat(started).filteredOn(s -> s.argv().contains("--schema-only")).hasSize(2).allSatisfy(spec -> {
            assertThat(String.join(" ", spec.argv()) + spec.env()).doesNotContain("pw-in-env-only");
            assertThat(spec.secretEnv().get("PGPASSWORD")).isEqualTo(Secret.of("pw-in-env-only"));
            assertThat(spec.toString()).doesNotContain("pw-in-env-only");
        });
    }

    @Test
    void wrongSourcePasswordIsUnreachableWithAOneLineMessageWithoutThePassword() {
        source.createLoginRole("reader", Secret.of("right-pass"), TRAP);
        DatabaseEndpoint wrong = DatabaseEndpoint.of(source.host(), source.port(), TRAP, "reader", Secret.of("hunter2-wrong"));
        DatabaseEndpoint to = target17.createDatabase("never_filled_target");

        assertThatThrownBy(() -> engine.copy(new CopyRequest(wrong, to, CopyOptions.ofDefaults()), MigrationListener.NONE))
                .isInstanceOf(UnreachableException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("\n")
                        .contains("reader@127.0.0.1"));
    }

    private CopyResult copy(DatabaseEndpoint from, PostgresServer to, String database, CopyOptions options,
                            List<CopyProgress> progress) {
        DatabaseEndpoint target = to.endpoint(database);
        assertThat(guard.prepare(target, options.owner(), false)).isEqualTo(TargetGuard.Outcome.CREATED);
        MigrationListener listener = new MigrationListener() {
            @Override
            public void onCopyProgress(CopyProgress p) {
                progress.add(p);
            }
        };
        return engine.copy(new CopyRequest(from, target, options), listener);
    }

    private static void assertSameContents(PostgresServer from, String fromDb, PostgresServer to, String toDb) {
        Map<String, String> expected = IndependentComparison.fingerprint(from, fromDb);
        Map<String, String> actual = IndependentComparison.fingerprint(to, toDb);
        assertThat(expected).isNotEmpty();
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** rehome's own full verification must agree with the independent comparison. */
    private static void assertProjectVerifierAgrees(DatabaseEndpoint from, DatabaseEndpoint to) {
        VerificationReport report = Verifiers.forLevel(Verifiers.FULL).verify(from, to);
        assertThat(report.passed()).as("verify --level full: %s", report).isTrue();
    }

    private static void assertTrapInvariants(PostgresServer to, String db) {
        // the comparison really covered the traps (a fingerprint that silently skipped them would prove nothing)
        assertThat(IndependentComparison.fingerprint(to, db)).containsKeys(
                "relation \"Mixed Case\".\"Order Items\"", "relation trap.measurements_2024_eu", "relation trap.animals",
                "relation trap.dogs", "relation trap.nothing", "relation trap.readings", "relation trap.events", "relation trap.order_totals",
                "relation trap.top_bucket", "relation trap.a_total_via_view", "relation \"ünïcødé ✓\".\"täble 表\"", "relation trap.\"quote\"\"d \"\"table\"\"\"",
                "sequence trap.invoice_numbers", "sequence trap.ticket_numbers", "large object 424242", "large object 424243");
        // the rewriting and auditing triggers exist but did not fire during the load
        assertThat(q(to, db, "SELECT count(*) FROM \"Mixed Case\".\"Order Items\" WHERE note = 'REWRITTEN BY TRIGGER'")).isEqualTo("0");
        assertThat(q(to, db, "SELECT count(*) FROM trap.order_audit")).isEqualTo("0");
        assertThat(q(to, db, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")).isEqualTo("2");
        // generated columns were computed by the target, not written
        assertThat(q(to, db, "SELECT count(*) FROM \"Mixed Case\".\"Order Items\" WHERE total IS DISTINCT FROM quantity * \"unit price\""))
                .isEqualTo("0");
        // identity continues from the source position, far ahead of the data
        assertThat(q(to, db, "INSERT INTO \"Mixed Case\".\"Order Items\" (quantity, \"unit price\") VALUES (1, 1)"
                + " RETURNING \"Item ID\" || '/' || legacy_no")).isEqualTo("1000000/500001");
        assertThat(q(to, db, "SELECT nextval('trap.invoice_numbers')")).isEqualTo("9999");
        // the NOT VALID constraint stays NOT VALID and its violating rows are there
        assertThat(q(to, db, "SELECT convalidated FROM pg_constraint WHERE conname = 'legacy_prices_positive'")).isEqualTo("f");
        assertThat(q(to, db, "SELECT count(*) FROM trap.legacy_prices WHERE price <= 0")).isEqualTo("2");
        // circular foreign keys, partition index, matviews
        assertThat(q(to, db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'trap'::regnamespace"))
                .isEqualTo("2");
        assertThat(q(to, db, "SELECT relispopulated FROM pg_class WHERE oid = 'trap.never_filled'::regclass")).isEqualTo("f");
        assertThat(q(to, db, "SELECT relpersistence FROM pg_class WHERE oid = 'trap.session_cache'::regclass")).isEqualTo("u");
        assertThat(q(to, db, "SELECT count(*) FROM trap.nothing")).isEqualTo("3");
        assertThat(q(to, db, "SELECT datcollate || '/' || pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"))
                .isEqualTo("C/UTF8");
        assertThat(q(to, db, "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = " + TrapFixture.LARGE_OBJECT_OID)).isEqualTo("1");
        String databaseSettings = "SELECT array_to_string(setconfig, ' | ') FROM pg_db_role_setting WHERE setrole = 0"
                + " AND setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())";
        assertThat(q(to, db, databaseSettings)).isEqualTo(q(source, TRAP, databaseSettings)).contains("search_path=\"$user\", public, trap");
    }

    private static String schemaShape(PostgresServer server, String db) {
        return q(server, db, """
                SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public') || ' indexes, '
                    || (SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public') || ' constraints, '
                    || (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal) || ' triggers, '
                    || (SELECT count(*) FROM pg_views WHERE schemaname = 'public') || ' views'""");
    }

    private static String q(PostgresServer server, String db, String sql) {
        return IndependentComparison.query(server, db, sql);
    }
}
