package dev.rehome.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Foreign keys are added {@code NOT VALID} and validated afterwards, side by side: on the target every key that
 * was valid on the source ends validated (and still rejects an orphan), a key that was {@code NOT VALID} on the
 * source stays so (its orphans copied as they are), and a key on a partitioned table, which PostgreSQL 15 cannot
 * add {@code NOT VALID}, is there and valid; the index-backed keys it needs were built while the data loaded.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ForeignKeysIT {
    private static final String SCHEMA = """
            CREATE TABLE "Parent Table" (id int PRIMARY KEY);
            INSERT INTO "Parent Table" SELECT g FROM generate_series(1, 1000) g;
            CREATE TABLE child (id int PRIMARY KEY, parent int REFERENCES "Parent Table" (id));
            INSERT INTO child SELECT g, 1 + g % 1000 FROM generate_series(1, 20000) g;
            CREATE TABLE legacy (id int PRIMARY KEY, parent int);
            INSERT INTO legacy VALUES (1, 1), (2, 999999);
            ALTER TABLE legacy ADD CONSTRAINT legacy_parent_fkey FOREIGN KEY (parent) REFERENCES "Parent Table" (id)
                NOT VALID;
            CREATE TABLE parted (id int, parent int REFERENCES "Parent Table" (id)) PARTITION BY RANGE (id);
            CREATE TABLE parted_low PARTITION OF parted FOR VALUES FROM (0) TO (5000);
            CREATE TABLE parted_high PARTITION OF parted FOR VALUES FROM (5000) TO (MAXVALUE);
            INSERT INTO parted SELECT g, 1 + g % 1000 FROM generate_series(1, 10000) g;
            """;
    private static final String VALIDATED = "SELECT string_agg(conrelid::regclass || ' ' || conname || '='"
            + " || convalidated, ', ' ORDER BY conrelid::regclass::text, conname) FROM pg_constraint"
            + " WHERE contype = 'f' AND conparentid = 0";

    @Test
    void keysValidOnTheSourceEndValidatedAndNotValidKeysStaySo() {
        try (PostgresServer pg15 = PostgresServers.start(15); PostgresServer pg17 = PostgresServers.start(17)) {
            DatabaseEndpoint source = pg15.createDatabase("keys");
            pg15.execute("keys", SCHEMA);
            DatabaseEndpoint target = pg17.endpoint("keys_copy");
            new TargetGuard().prepare(target, Optional.empty(), false);

            new JdbcDirectEngine(Clock.systemUTC()).copy(new CopyRequest(source, target, CopyOptions.ofDefaults().withJobs(3)),
                    MigrationListener.NONE);

            assertThat(IndependentComparison.query(pg17, "keys_copy", VALIDATED))
                    .isEqualTo(IndependentComparison.query(pg15, "keys", VALIDATED))
                    .contains("child child_parent_fkey=true", "legacy legacy_parent_fkey=false",
                            "parted parted_parent_fkey=true");
            assertThat(IndependentComparison.fingerprint(pg17, "keys_copy"))
                    .isEqualTo(IndependentComparison.fingerprint(pg15, "keys"));
            assertThat(IndependentComparison.query(pg17, "keys_copy",
                    "SELECT count(*) FROM pg_index WHERE indrelid = 'public.child'::regclass AND indisprimary")).isEqualTo("1");
            assertThatThrownBy(() -> pg17.execute("keys_copy", "INSERT INTO child VALUES (0, 424242)"))
                    .hasMessageContaining("child_parent_fkey");
        }
    }
}
