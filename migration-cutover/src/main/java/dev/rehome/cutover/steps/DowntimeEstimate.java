package dev.rehome.cutover.steps;

import java.time.Duration;
import java.util.Optional;

/**
 * How long the app will be at 0 replicas, from this source's own numbers ({@link SourceSample}) and the app's own
 * last start-up: the copy and the full checksums scale with the bytes of tables at the rate this server was just
 * seen casting rows to text; index builds with the index bytes; per-table work (DDL, catalog reads) with the
 * table count; bringing the app back with how long its pod took to turn Ready last time. The factors are what
 * {@code bench/copy-bench.sh}'s downtime rows measured (bench/README.md); the aim is within 2x of the downtime
 * the report then measures, never a promise.
 */
record DowntimeEstimate(Duration total, String basis) {
    /** When the sample said nothing (too small a database to time): slow, so the guess errs long. */
    static final double ASSUMED_BYTES_PER_SECOND = 20.0 * 1024 * 1024;
    static final Duration ASSUMED_APP_START = Duration.ofSeconds(20);
    /** Scaling to 0 and back, the fence, tool and session start-ups, the journal's writes. */
    private static final Duration FIXED = Duration.ofSeconds(5);
    private static final Duration PER_TABLE = Duration.ofMillis(15);
    /** The checksums hash stored values (PostgreSQL 14+), cheaper than the cast the sample timed. */
    private static final double VERIFY = 0.5;
    private static final double INDEXES = 1.0;

    static DowntimeEstimate of(SourceSample sample, String engine, Optional<Duration> appStartup) {
        double rate = sample.bytesPerSecond().orElse(ASSUMED_BYTES_PER_SECOND);
        double scanSeconds = sample.tableBytes() / rate;
        double seconds = scanSeconds * (copyFactor(engine) + VERIFY) + sample.indexBytes() / rate * INDEXES;
        Duration app = appStartup.orElse(ASSUMED_APP_START);
        Duration total = FIXED.plus(PER_TABLE.multipliedBy(sample.tables())).plus(app)
                .plusMillis(Math.round(seconds * 1000));
        String basis = sample.tables() + " tables, " + mib(sample.tableBytes()) + " MiB of rows and "
                + mib(sample.indexBytes()) + " MiB of indexes at " + Math.round(rate / (1024 * 1024)) + " MiB/s ("
                + (sample.bytesPerSecond().isPresent() ? "sampled from the source now" : "assumed: too little to sample")
                + "); the app's start-up " + app.toSeconds() + " s ("
                + (appStartup.isPresent() ? "its newest pod's, start to Ready" : "assumed: no Ready pod to read") + ")";
        return new DowntimeEstimate(total, basis);
    }

    /** The copy's cost per byte of the cast: pg_dump's text and pg_restore's parse cost more than binary COPY. */
    private static double copyFactor(String engine) {
        return engine.startsWith("jdbc-direct") ? 1.1 : 1.8;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
