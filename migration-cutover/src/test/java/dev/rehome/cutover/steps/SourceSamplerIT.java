package dev.rehome.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.Secret;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.time.TickingClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The downtime estimate's measurements on a real server: sizes from the catalog, the rate from a timed read. */
class SourceSamplerIT {
    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        server.execute("postgres", "CREATE DATABASE sampled");
        server.execute("sampled", "CREATE SCHEMA \"Mixed Case\"; CREATE TABLE \"Mixed Case\".\"Order Items\" "
                + "(id bigint PRIMARY KEY, note text); INSERT INTO \"Mixed Case\".\"Order Items\" "
                + "SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 40000) g;"
                + " CREATE TABLE small (id int PRIMARY KEY); INSERT INTO small VALUES (1);"
                + " CREATE MATERIALIZED VIEW counted AS SELECT count(*) FROM small;");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void countsTablesAndBytesAndTimesAReadOfTheBiggestTable() {
        long size = Long.parseLong(scalar("SELECT pg_table_size('\"Mixed Case\".\"Order Items\"')"));
        long all = Long.parseLong(scalar("SELECT pg_table_size('\"Mixed Case\".\"Order Items\"') + pg_table_size('small')"
                + " + pg_table_size('counted')"));
        long indexes = Long.parseLong(scalar("SELECT pg_indexes_size('\"Mixed Case\".\"Order Items\"') + pg_indexes_size('small')"));
        assertThat(size).as("the table must be worth sampling, and small enough to be read whole")
                .isBetween(1024L * 1024, SourceSampler.SAMPLE_BYTES);

        SourceSample sample = new SourceSampler(quarterSecondReads()).sample(server.endpoint("sampled"));

        assertThat(sample.tables()).isEqualTo(3);
        assertThat(sample.tableBytes()).isEqualTo(all);
        assertThat(sample.indexBytes()).isEqualTo(indexes);
        // Read whole (under the sample size), in the 250 ms the clock moved between the two readings.
        assertThat(sample.bytesPerSecond()).hasValue(size * 4.0);
    }

    @Test
    void aLoginThatMayNotReadTheTableLeavesTheRateUnknownInsteadOfFailing() {
        var login = server.createLoginRole("sampler_without_select", Secret.of("not-a-real-one-7f3a"), "sampled");

        SourceSample sample = new SourceSampler(quarterSecondReads()).sample(login);

        assertThat(sample.tables()).isEqualTo(3);
        assertThat(sample.bytesPerSecond()).isEmpty();
    }

    @Test
    void aClockThatDoesNotMoveMeasuresNothing() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

        assertThat(new SourceSampler(fixed).sample(server.endpoint("sampled")).bytesPerSecond()).isEmpty();
    }

    /** Each reading a quarter of a second after the one before, so a timed read takes exactly that long. */
    private static TickingClock quarterSecondReads() {
        return new TickingClock(Instant.parse("2026-12-04T10:00:00Z"), Duration.ofMillis(250));
    }

    private static String scalar(String sql) {
        try (var c = server.connect("sampled"); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
