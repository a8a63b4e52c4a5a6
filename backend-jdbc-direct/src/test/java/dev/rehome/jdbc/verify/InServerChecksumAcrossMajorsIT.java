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
 * The checksum the server computes ({@code hashtextextended} of each row's text, summed) is the same number on
 * PostgreSQL 15, 17 and 18 for every table of the TRAP database (floats, NaN, infinities, bytea, jsonb, unicode
 * names, zero-column tables), and a duplicated row in a keyless table changes it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class InServerChecksumAcrossMajorsIT {
    private static final PgConnector CONNECTOR = new PgConnector("rehome-test");

    @Test
    void everyTableHasTheSameInServerChecksumOnFifteenSeventeenAndEighteen() throws Exception {
        try (PostgresServer pg15 = PostgresServers.start(15); PostgresServer pg17 = PostgresServers.start(17);
             PostgresServer pg18 = PostgresServers.start(18)) {
            Map<TableRef, ContentChecksum> on15 = checksums(pg15);
            Map<TableRef, ContentChecksum> on17 = checksums(pg17);
            Map<TableRef, ContentChecksum> on18 = checksums(pg18);

            assertThat(on15).hasSizeGreaterThan(10);
            assertThat(on15.values()).anySatisfy(c -> assertThat(c.rows()).isGreaterThan(1));
            assertThat(on17).isEqualTo(on15);
            assertThat(on18).isEqualTo(on15);

            TableRef animals = new TableRef("trap", "animals");
            pg18.execute("trap", "INSERT INTO trap.animals SELECT * FROM ONLY trap.animals LIMIT 1");
            ContentChecksum duplicated = checksums(pg18).get(animals);
            assertThat(duplicated.rows()).isEqualTo(on15.get(animals).rows() + 1);
            assertThat(duplicated.sum()).isNotEqualTo(on15.get(animals).sum());
        }
    }

    private static Map<TableRef, ContentChecksum> checksums(PostgresServer server) throws SQLException {
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
                    out.put(r.table(), InServerChecksum.of(c, r.table(), r.columns()));
                }
            }
        }
        return out;
    }
}
