package dev.rehome.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A physical base backup of a running PG 17 server comes back as a new server with the data of its moment. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BaseBackupIT {

    @Test
    void aServerStartedOnABaseBackupHasTheDataAsOfTheBackup() throws Exception {
        Path dir = Files.createTempDirectory("rehome-basebackup");
        try (PostgresServer server = PostgresServers.start(17)) {
            server.execute("postgres", "CREATE DATABASE shop TEMPLATE template0");
            server.execute("shop", """
                    CREATE TABLE orders (id bigserial PRIMARY KEY, item text);
                    INSERT INTO orders (item) SELECT 'item ' || g FROM generate_series(1, 5000) g;
                    """);
            BaseBackup backup = BaseBackup.take(server, dir.resolve("backup"));
            server.execute("shop", "INSERT INTO orders (item) VALUES ('after the backup')");
            server.execute("shop", "SELECT pg_switch_wal()");
            assertThat(Files.exists(backup.directory().resolve("backup_label"))).isTrue();

            try (PostgresServer restored = PostgresServers.startFrom(17, backup.copyTo(dir.resolve("restore-1"), true))) {
                assertThat(count(restored)).isEqualTo(5000);
                restored.execute("shop", "INSERT INTO orders (item) VALUES ('restored copy is writable')");
                assertThat(count(restored)).isEqualTo(5001);
            }
            assertThat(Files.exists(dir.resolve("restore-1"))).isFalse();
            try (PostgresServer again = PostgresServers.startFrom(17, backup.copyTo(dir.resolve("restore-2"), true))) {
                assertThat(count(again)).as("the backup itself is unchanged by a restore").isEqualTo(5000);
            }
            backup.delete();
        } finally {
            BaseBackup.deleteTree(dir);
        }
    }

    private static long count(PostgresServer server) throws Exception {
        try (Connection c = server.connect("shop"); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
