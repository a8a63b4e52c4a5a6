package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.TableRef;
import dev.rehome.jdbc.BorrowedHandles;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.TrapFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checksums the server computes ({@code hashtextextended} of each row's text, and {@code hash_record_extended}
 * of each row's stored values, summed) are each the same number on PostgreSQL 15, 17 and 18 for every table of the
 * TRAP database (floats, NaN, infinities, bytea, jsonb, unicode names, zero-column tables), a duplicated row in a
 * keyless table changes them, and the record hash sees a change to one value of any type it hashes natively.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class InServerChecksumAcrossMajorsIT {
    private static final PgConnector CONNECTOR = new PgConnector("rehome-test");

    @Test
    void everyTableHasTheSameInServerChecksumOnFifteenSeventeenAndEighteen() throws Exception {
        try (PostgresServer pg15 = PostgresServers.start(15); PostgresServer pg17 = PostgresServers.start(17);
             PostgresServer pg18 = PostgresServers.start(18)) {
            for (int method : new int[] {InServerChecksum.MIN_MAJOR, RecordHashChecksum.MIN_MAJOR}) {
                Map<TableRef, ContentChecksum> on15 = checksums(pg15, method);
                Map<TableRef, ContentChecksum> on17 = checksums(pg17, method);
                Map<TableRef, ContentChecksum> on18 = checksums(pg18, method);

                assertThat(on15).hasSizeGreaterThan(10);
                assertThat(on15.values()).anySatisfy(c -> assertThat(c.rows()).isGreaterThan(1));
                assertThat(on17).as("method of PostgreSQL %d", method).isEqualTo(on15);
                assertThat(on18).as("method of PostgreSQL %d", method).isEqualTo(on15);
            }
            for (int method : new int[] {InServerChecksum.MIN_MAJOR, RecordHashChecksum.MIN_MAJOR}) {
                TableRef animals = new TableRef("trap", "animals");
                ContentChecksum before = checksums(pg18, method).get(animals);
                pg18.execute("trap", "INSERT INTO trap.animals SELECT * FROM ONLY trap.animals LIMIT 1");
                ContentChecksum duplicated = checksums(pg18, method).get(animals);
                assertThat(duplicated.rows()).isEqualTo(before.rows() + 1);
                assertThat(duplicated.sum()).isNotEqualTo(before.sum());
            }
        }
    }

    /** One change to one value of each type hashed from its stored form, and to numeric's scale, each shows. */
    @Test
    void theRecordHashSeesAChangeToAnyOneValueOfEachNativelyHashedTypeAndToANumericsScale() throws Exception {
        String[] changes = {"b = NOT b", "by = '\\x00ff'", "ch = 'y'", "i8 = i8 + 1", "i2 = i2 + 1", "i4 = i4 + 1",
                "tx = tx || ' '", "f4 = f4 + 1", "f8 = f8 * 2", "ci = '10.0.0.0/9'", "ip = '10.0.0.2'",
                "mac = '08:00:2b:01:02:04'", "bp = 'ab'", "vc = vc || 'x'", "d = d + 1", "t = t + interval '1 microsecond'",
                "ts = ts + interval '1 microsecond'", "tz = tz + interval '1 microsecond'", "u = gen_random_uuid()",
                "j = j || '{\"k\": 2}'", "n = 1.00", "iv = interval '24 hours'"};
        try (PostgresServer pg = PostgresServers.start(17)) {
            pg.execute("postgres", "CREATE DATABASE typed");
            pg.execute("typed", "CREATE TABLE \"All Types\" (b bool, by bytea, ch \"char\", i8 int8, i2 int2, i4 int4,"
                    + " tx text, f4 float4, f8 float8, ci cidr, ip inet, mac macaddr, bp char(3), vc varchar(9), d date,"
                    + " t time, ts timestamp, tz timestamptz, u uuid, j jsonb, n numeric, iv interval);"
                    + " INSERT INTO \"All Types\" VALUES (true, '\\x00', 'x', 8, 2, 4, 'text', 1.5, 2.5, '10.0.0.0/8',"
                    + " '10.0.0.1', '08:00:2b:01:02:03', 'a', 'vc', '2026-12-04', '10:00', '2026-12-04 10:00',"
                    + " '2026-12-04 10:00+00', '6f1c3c9e-3b5a-4a7e-9a55-0a1b2c3d4e5f', '{\"k\": 1}', 1.0, interval '1 day'),"
                    + " (false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                    + " NULL, NULL, NULL, NULL, NULL)");
            TableRef table = new TableRef("public", "All Types");
            ContentChecksum before = recordHash(pg, table);
            for (String change : changes) {
                pg.execute("typed", "UPDATE \"All Types\" SET " + change + " WHERE b");
                assertThat(recordHash(pg, table)).as(change).isNotEqualTo(before);
                pg.execute("typed", "TRUNCATE \"All Types\"; INSERT INTO \"All Types\" VALUES (true, '\\x00', 'x', 8, 2, 4,"
                        + " 'text', 1.5, 2.5, '10.0.0.0/8', '10.0.0.1', '08:00:2b:01:02:03', 'a', 'vc', '2026-12-04', '10:00',"
                        + " '2026-12-04 10:00', '2026-12-04 10:00+00', '6f1c3c9e-3b5a-4a7e-9a55-0a1b2c3d4e5f', '{\"k\": 1}',"
                        + " 1.0, interval '1 day'), (false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
                assertThat(recordHash(pg, table)).as("restored after " + change).isEqualTo(before);
            }
        }
    }

    private static ContentChecksum recordHash(PostgresServer server, TableRef table) throws SQLException {
        try (Connection session = CONNECTOR.open(server.endpoint("typed"));
             Handle c = BorrowedHandles.borrow(session)) {
            DataRelation r = DataRelations.list(c).get(table);
            assertThat(r.nativeTypes()).as("every type but numeric and interval is hashed natively")
                    .hasSize(r.columns().size() - 2).doesNotContainKeys("n", "iv");
            return RecordHashChecksum.of(c, table, ChecksumColumns.of(r.columns(), r, r));
        }
    }

    private static Map<TableRef, ContentChecksum> checksums(PostgresServer server, int olderMajor) throws SQLException {
        try (Connection probe = CONNECTOR.open(server.endpoint("postgres"));
             java.sql.ResultSet rs = probe.createStatement()
                     .executeQuery("SELECT 1 FROM pg_catalog.pg_database WHERE datname = 'trap'")) {
            if (!rs.next()) {
                TrapFixture.create(server, "trap");
            }
        }
        Map<TableRef, ContentChecksum> out = new TreeMap<>();
        try (Connection session = CONNECTOR.open(server.endpoint("trap"));
             Handle c = BorrowedHandles.borrow(session)) {
            for (DataRelation r : DataRelations.list(c).values()) {
                if (r.populated()) {
                    out.put(r.table(), ContentChecksumVerifier.method(olderMajor).of(c, r.table(),
                            ChecksumColumns.of(r.columns(), r, r)));
                }
            }
        }
        return out;
    }
}
