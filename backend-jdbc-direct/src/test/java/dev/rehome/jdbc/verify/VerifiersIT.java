package dev.rehome.jdbc.verify;

import static dev.rehome.jdbc.verify.VerifierFixture.findingsOf;
import static dev.rehome.jdbc.verify.VerifierFixture.query;
import static dev.rehome.jdbc.verify.VerifierFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.core.SequenceCheck;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The verifiers against real servers: a PostgreSQL 15 source and a PostgreSQL 17 target holding the same data
 * pass every check with equal checksums, and each kind of damage to the target fails with a finding that names
 * what differs and both values.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VerifiersIT {
    private static final String DB = "shop";
    private static final Verifier EVERYTHING = Verifier.allOf(Verifiers.forLevel("full"), Verifiers.ownership(null));

    private static PostgresServer pg15;
    private static PostgresServer pg17;
    private static DatabaseEndpoint source;

    @BeforeAll
    static void startServers() {
        pg15 = PostgresServers.start(15);
        pg17 = PostgresServers.start(17);
        VerifierFixture.load(pg15, DB);
        source = pg15.endpoint(DB);
    }

    @AfterAll
    static void stopServers() {
        if (pg15 != null) {
            pg15.close();
        }
        if (pg17 != null) {
            pg17.close();
        }
    }

    /** A target on PostgreSQL 17 that starts as a perfect copy of the source. */
    private static DatabaseEndpoint copyOnSeventeen(String database) {
        VerifierFixture.load(pg17, database);
        return pg17.endpoint(database);
    }

    @Test
    void sameDataOnFifteenAndSeventeenPassesEveryVerifierWithEqualChecksums() {
        DatabaseEndpoint target = copyOnSeventeen("same_data");

        VerificationReport report = EVERYTHING.verify(source, target);

        assertThat(report.findings()).isEmpty();
        assertThat(report.checks()).containsExactly("rows", "checksum", "sequence", "schema", "large-objects",
                "ownership");
        assertThat(report.tables()).allSatisfy(t -> {
            assertThat(t.match()).as(t.table()).isTrue();
            assertThat(t.sourceChecksum()).as(t.table()).isNotNull().hasSize(16);
        });
        assertThat(report.tables()).extracting(TableCheck::table).contains("Mixed Case.Order Items",
                "public.empty_shape", "public.events_2024", "public.events_2025", "public.kinds", "public.measurements",
                "public.no_key", "public.players", "public.players_by_status", "public.scratch", "public.teams")
                .doesNotContain("public.events", "public.active_players");
        assertThat(table(report, "public.empty_shape")).get().extracting(TableCheck::sourceRows).isEqualTo(2L);
        assertThat(table(report, "public.events_2025")).get().extracting(TableCheck::sourceRows).isEqualTo(2L);
        assertThat(table(report, "public.no_key")).get().extracting(TableCheck::targetRows).isEqualTo(5L);
        assertThat(report.sequences()).contains(new SequenceCheck("public.ticket_seq", 5001, 5001),
                new SequenceCheck("public.players_id_seq", 501, 501),
                new SequenceCheck("public.measurements_id_seq", 6, 6));
    }

    @Test
    void aDumpRestoredFromFifteenIntoSeventeenPassesEveryVerifier() throws Exception {
        assumeThat(VerifierFixture.onPath("pg_dump")).as("pg_dump/pg_restore (PostgreSQL 15 client) are needed for this test").isTrue();
        pg17.createDatabase("restored");
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; pg_dump -Fc -h 127.0.0.1 -p " + pg15.port()
                + " -U postgres -d " + DB + " | pg_restore --exit-on-error -h 127.0.0.1 -p " + pg17.port()
                + " -U postgres -d restored").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();

        VerificationReport report = EVERYTHING.verify(source, pg17.endpoint("restored"));

        assertThat(report.findings()).isEmpty();
        assertThat(report.tables()).hasSize(13).allMatch(TableCheck::match);
    }

    @Test
    void parallelChecksumSessionsShareOneSnapshotAndAgreeWithASingleSession() throws Exception {
        VerifierFixture.load(pg15, "snapshot");
        DatabaseEndpoint db = pg15.endpoint("snapshot");
        Connection first = PairedSessions.openSnapshot(new PgConnector(), db);
        try {
            assertThat(countPlayers(first)).isEqualTo(4);
            pg15.execute("snapshot", "INSERT INTO public.players (name) VALUES ('Late')");
            Map<Integer, Long> seen = new TreeMap<>();
            Set<Connection> sessions = ConcurrentHashMap.newKeySet();
            CountDownLatch allThreeBusy = new CountDownLatch(3);
            try (SnapshotWorkers workers = new SnapshotWorkers(new PgConnector(), db, first, 3)) {
                workers.forEach(List.of(1, 2, 3, 4, 5, 6), seen, (session, i) -> {
                    sessions.add(session);
                    allThreeBusy.countDown();
                    try {
                        assertThat(allThreeBusy.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return countPlayers(session);
                });
            }
            assertThat(sessions).hasSize(3);
            assertThat(seen.values()).as("every session reads the exported snapshot, not the later insert")
                    .containsOnly(4L).hasSize(6);
        } finally {
            PairedSessions.closeQuietly(first);
        }

        VerificationReport one = Verifiers.contentChecksums(1).verify(source, copyOnSeventeen("jobs"));
        VerificationReport four = Verifiers.contentChecksums(4).verify(source, pg17.endpoint("jobs"));
        assertThat(one.findings()).isEmpty();
        assertThat(four.findings()).isEmpty();
        assertThat(four.tables()).isEqualTo(one.tables());
    }

    private static long countPlayers(Connection session) throws SQLException {
        try (var st = session.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM public.players")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aDeletedRowFailsCountsAndChecksumOfThatTable() {
        DatabaseEndpoint target = copyOnSeventeen("deleted_row");
        pg17.execute("deleted_row", "DELETE FROM public.players WHERE name = 'Bob'");

        VerificationReport counts = Verifiers.forLevel("counts").verify(source, target);
        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        assertThat(counts.findings()).containsExactly(new Finding("rows", "public.players", "4", "3"));
        TableCheck players = table(full, "public.players").orElseThrow();
        assertThat(findingsOf(full, "checksum")).containsExactly(new Finding("checksum", "public.players",
                players.sourceChecksum() + " (4 rows)", players.targetChecksum() + " (3 rows)"));
        assertThat(players.sourceChecksum()).isNotEqualTo(players.targetChecksum());
    }

    @Test
    void oneChangedByteInATOASTedValueFailsOnlyTheChecksumOfThatTable() {
        DatabaseEndpoint target = copyOnSeventeen("changed_byte");
        pg17.execute("changed_byte", "UPDATE public.measurements SET note = overlay(note PLACING 'X' FROM 100000 FOR 1)"
                + " WHERE length(note) > 100000");

        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        TableCheck m = table(full, "public.measurements").orElseThrow();
        assertThat(m.sourceRows()).isEqualTo(m.targetRows()).isEqualTo(5);
        assertThat(full.findings()).containsExactly(new Finding("checksum", "public.measurements",
                m.sourceChecksum() + " (5 rows)", m.targetChecksum() + " (5 rows)"));
    }

    @Test
    void aDuplicatedRowInATableWithoutAKeyFailsCountsAndChecksum() {
        DatabaseEndpoint target = copyOnSeventeen("duplicated_row");
        pg17.execute("duplicated_row", "INSERT INTO public.no_key VALUES ('single', 3)");

        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        TableCheck noKey = table(full, "public.no_key").orElseThrow();
        assertThat(full.findings()).containsExactly(new Finding("rows", "public.no_key", "5", "6"),
                new Finding("checksum", "public.no_key", noKey.sourceChecksum() + " (5 rows)",
                        noKey.targetChecksum() + " (6 rows)"));
    }

    @Test
    void aReplacedPairOfDuplicatesThatXorCannotSeeFailsTheChecksum() {
        DatabaseEndpoint target = copyOnSeventeen("replaced_pair");
        pg17.execute("replaced_pair", "UPDATE public.no_key SET v = 'twin', n = 9 WHERE v = 'dup'");
        String xor = "SELECT bit_xor(('x' || left(md5(t::text), 16))::bit(64)::bigint) FROM public.no_key t";
        assertThat(query(pg17, "replaced_pair", xor)).as("an XOR checksum is blind to this change")
                .isEqualTo(query(pg15, DB, xor));

        VerificationReport report = Verifier.allOf(Verifiers.rowCounts(), Verifiers.contentChecksums())
                .verify(source, target);

        TableCheck noKey = table(report, "public.no_key").orElseThrow();
        assertThat(noKey.sourceRows()).isEqualTo(noKey.targetRows()).isEqualTo(5);
        assertThat(report.findings()).containsExactly(new Finding("checksum", "public.no_key",
                noKey.sourceChecksum() + " (5 rows)", noKey.targetChecksum() + " (5 rows)"));
    }

    @Test
    void aResetSequenceFailsWithBothNextValues() {
        DatabaseEndpoint target = copyOnSeventeen("reset_sequence");
        pg17.execute("reset_sequence", "ALTER SEQUENCE public.ticket_seq RESTART");

        VerificationReport counts = Verifiers.forLevel("counts").verify(source, target);

        assertThat(counts.findings()).containsExactly(new Finding("sequence", "public.ticket_seq", "5001", "1000"));
        assertThat(counts.sequences()).contains(new SequenceCheck("public.ticket_seq", 5001, 1000));
    }

    @Test
    void aDroppedIndexFailsWithItsDefinition() {
        DatabaseEndpoint target = copyOnSeventeen("dropped_index");
        pg17.execute("dropped_index", "DROP INDEX public.players_name_idx");

        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        assertThat(full.findings()).containsExactly(new Finding("schema", "index public.players_name_idx",
                "CREATE INDEX players_name_idx ON public.players USING btree (name)", "missing"));
        assertThat(full.findings().get(0).describe()).isEqualTo("schema: index public.players_name_idx: source"
                + " CREATE INDEX players_name_idx ON public.players USING btree (name), target missing");
    }

    @Test
    void aRenamedEnumLabelFailsWithBothLabelLists() {
        DatabaseEndpoint target = copyOnSeventeen("renamed_label");
        pg17.execute("renamed_label", "ALTER TYPE public.status RENAME VALUE 'benched' TO 'injured'");

        VerificationReport schema = Verifiers.schemaInventory().verify(source, target);
        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        assertThat(schema.findings()).containsExactly(new Finding("schema", "enum public.status labels",
                "[active, benched, retired]", "[active, injured, retired]"));
        assertThat(findingsOf(full, "checksum")).extracting(Finding::object)
                .containsExactlyInAnyOrder("public.players", "public.players_by_status");
    }

    @Test
    void aChangedLargeObjectFailsWithBothContentHashes() throws Exception {
        DatabaseEndpoint target = copyOnSeventeen("changed_lo");
        pg17.execute("changed_lo", "SELECT lo_put(424242, 0, 'J'::bytea)");

        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        assertThat(full.findings()).containsExactly(new Finding("large-objects", "large object 424242",
                "sha256 " + sha256("hello, large object"), "sha256 " + sha256("Jello, large object")));
    }

    @Test
    void aMissingTableSequenceAndLargeObjectAndADisabledTriggerAreNamed() {
        DatabaseEndpoint target = copyOnSeventeen("missing_table");
        pg17.execute("missing_table", "DROP TABLE public.scratch; DROP SEQUENCE public.ticket_seq; SELECT lo_unlink(424242);"
                + " ALTER TABLE public.measurements DISABLE TRIGGER measurements_normalize");

        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        TableCheck scratchOnSource = table(Verifiers.contentChecksums().verify(source, source), "public.scratch")
                .orElseThrow();
        assertThat(full.findings()).contains(new Finding("rows", "public.scratch", "1", "missing"),
                new Finding("checksum", "public.scratch", scratchOnSource.sourceChecksum() + " (1 row)", "missing"),
                new Finding("schema", "table public.scratch", "table, unlogged", "missing"),
                new Finding("schema", "column public.scratch.k", "integer", "missing"),
                new Finding("sequence", "public.ticket_seq", "5001", "missing"),
                new Finding("large-objects", "large object count", "1", "0"));
        assertThat(findingsOf(full, "large-objects")).extracting(Finding::object, Finding::target)
                .contains(tuple("large object 424242", "missing"));
        assertThat(findingsOf(full, "schema")).filteredOn(f -> f.object().startsWith("trigger "))
                .singleElement().satisfies(f -> {
                    assertThat(f.object()).isEqualTo("trigger public.measurements.measurements_normalize");
                    assertThat(f.target()).isEqualTo(f.source() + " (disabled)");
                });
    }

    @Test
    void anUnpopulatedMaterializedViewAndADroppedColumnAreNamed() {
        DatabaseEndpoint target = copyOnSeventeen("unpopulated");
        pg17.execute("unpopulated", "REFRESH MATERIALIZED VIEW public.players_by_status WITH NO DATA;"
                + " ALTER TABLE \"Mixed Case\".\"Order Items\" DROP COLUMN \"select\"");

        VerificationReport full = Verifiers.forLevel("full").verify(source, target);

        TableCheck items = table(full, "Mixed Case.Order Items").orElseThrow();
        assertThat(items.match()).as("the columns both sides still have hold the same data").isTrue();
        TableCheck matview = table(Verifiers.contentChecksums().verify(source, source), "public.players_by_status")
                .orElseThrow();
        assertThat(full.findings()).contains(
                new Finding("rows", "public.players_by_status", "3", "not populated"),
                new Finding("checksum", "public.players_by_status", matview.sourceChecksum() + " (3 rows)",
                        "not populated"),
                new Finding("checksum", "Mixed Case.Order Items columns",
                        "[Item \"Quoted\" Name, select, ünïcødé, Qty]", "[Item \"Quoted\" Name, ünïcødé, Qty]"),
                new Finding("schema", "column Mixed Case.Order Items.select", "integer", "missing"));
        assertThat(findingsOf(full, "schema")).filteredOn(f -> f.object().equals(
                "materialized view public.players_by_status")).singleElement()
                .satisfies(f -> assertThat(f.target()).isEqualTo(f.source() + " (not populated)"));
    }

    @Test
    void rowsHiddenByRowLevelSecurityAreAnErrorNotAPartialCount() {
        String policy = "ALTER TABLE public.players ENABLE ROW LEVEL SECURITY;"
                + " CREATE POLICY only_active ON public.players USING (status = 'active');"
                + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor;"
                + " GRANT USAGE ON SCHEMA \"Mixed Case\" TO auditor;"
                + " GRANT SELECT ON ALL TABLES IN SCHEMA \"Mixed Case\" TO auditor;";
        VerifierFixture.load(pg15, "rls");
        VerifierFixture.load(pg17, "rls");
        DatabaseEndpoint onSource = pg15.createLoginRole("auditor", Secret.of("audit-pw"), "rls");
        DatabaseEndpoint onTarget = pg17.createLoginRole("auditor", Secret.of("audit-pw"), "rls");
        pg15.execute("rls", policy);
        pg17.execute("rls", policy);

        assertThatThrownBy(() -> Verifiers.rowCounts().verify(onSource, onTarget))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("row-level security").hasMessageContaining("players")
                .hasMessageNotContaining("audit-pw");
    }

    @Test
    void ownershipByRoleNamesEveryObjectNotOwnedByIt() {
        DatabaseEndpoint target = copyOnSeventeen("owned");
        pg17.execute("owned", "CREATE ROLE app; ALTER TABLE public.players OWNER TO app");

        VerificationReport byRole = Verifiers.ownership("app").verify(source, target);
        VerificationReport compared = Verifiers.ownership(null).verify(source, target);

        assertThat(byRole.findings()).contains(new Finding("ownership", "table public.no_key", "expected app",
                "postgres"), new Finding("ownership", "large object 424242", "expected app", "postgres"))
                .extracting(Finding::object).doesNotContain("table public.players", "schema public");
        assertThat(compared.findings()).as("the identity sequence follows its table").containsExactly(
                new Finding("ownership", "sequence public.players_id_seq", "postgres", "app"),
                new Finding("ownership", "table public.players", "postgres", "app"));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
