package dev.rehome.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The estimate follows the source's measured numbers instead of a fixed rate. */
class DowntimeEstimateTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aSampledRateAndAMeasuredStartUpAreWhatTheEstimateIsMadeOf() {
        SourceSample fast = new SourceSample(10, 1000 * MIB, 200 * MIB, OptionalDouble.of(200.0 * MIB));
        SourceSample slow = new SourceSample(10, 1000 * MIB, 200 * MIB, OptionalDouble.of(50.0 * MIB));

        DowntimeEstimate atFast = DowntimeEstimate.of(fast, "dump-restore", Optional.of(Duration.ofSeconds(4)));
        DowntimeEstimate atSlow = DowntimeEstimate.of(slow, "dump-restore", Optional.of(Duration.ofSeconds(4)));

        assertThat(atSlow.total().minus(atFast.total()).toMillis())
                .as("the per-byte part is four times longer at a quarter of the rate")
                .isEqualTo(3 * (atFast.total().toMillis() - fixedPart(fast, Duration.ofSeconds(4))));
        assertThat(atFast.basis()).contains("200 MiB/s (sampled from the source now)")
                .contains("start-up 4 s (its newest pod's, start to Ready)").contains("10 tables");
    }

    @Test
    void aSmallDatabaseIsMostlyTheAppsStartUpNotAMinuteOfGuesswork() {
        SourceSample basketball = new SourceSample(4, 200 * 1024, 100 * 1024, OptionalDouble.empty());

        DowntimeEstimate e = DowntimeEstimate.of(basketball, "dump-restore", Optional.of(Duration.ofSeconds(2)));

        assertThat(e.total()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(e.basis()).contains("assumed: too little to sample");
    }

    @Test
    void withoutAReadyPodTheStartUpIsAssumedAndSaidToBe() {
        DowntimeEstimate e = DowntimeEstimate.of(new SourceSample(1, 0, 0, OptionalDouble.empty()), "jdbc-direct",
                Optional.empty());

        assertThat(e.total()).isGreaterThanOrEqualTo(DowntimeEstimate.ASSUMED_APP_START);
        assertThat(e.basis()).contains("assumed: no Ready pod to read");
    }

    @Test
    void jdbcDirectIsEstimatedFasterThanTheDumpPipe() {
        SourceSample s = new SourceSample(10, 1000 * MIB, 0, OptionalDouble.of(100.0 * MIB));

        assertThat(DowntimeEstimate.of(s, "jdbc-direct", Optional.of(Duration.ZERO)).total())
                .isLessThan(DowntimeEstimate.of(s, "dump-restore", Optional.of(Duration.ZERO)).total());
    }

    /** The estimate of the same source with nothing to copy: what does not scale with bytes. */
    private static long fixedPart(SourceSample s, Duration startup) {
        return DowntimeEstimate.of(new SourceSample(s.tables(), 0, 0, s.bytesPerSecond()), "dump-restore",
                Optional.of(startup)).total().toMillis();
    }
}
