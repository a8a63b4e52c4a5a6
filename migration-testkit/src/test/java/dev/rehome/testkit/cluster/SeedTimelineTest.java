package dev.rehome.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SeedTimelineTest {
    private static final Instant WRITTEN = Instant.parse("2026-11-26T12:00:00Z");

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void aClockAtTheWrittenMomentSeesTheFixtureAsWritten() {
        SeedTimeline timeline = SeedTimeline.of(WRITTEN, at("2026-11-26T12:00:00Z"));

        assertThat(timeline.shift()).isZero();
        assertThat(timeline.redate("lastSuccessfulBackup: \"2026-11-26T02:00:44Z\"")).isEqualTo("lastSuccessfulBackup: \"2026-11-26T02:00:44Z\"");
    }

    @Test
    void movesByWholeDaysSoTimesOfDayAndSchedulesStayAndNothingLiesInTheFuture() {
        Clock clock = at("2029-12-03T07:48:00Z");
        SeedTimeline timeline = SeedTimeline.of(WRITTEN, clock);

        assertThat(timeline.at(WRITTEN)).isEqualTo("2029-12-02T12:00:00Z").isBeforeOrEqualTo(clock.instant());
        assertThat(timeline.redate("""
                lastScheduleTime: "2026-11-26T02:00:00Z"
                currentPrimaryTimestamp: "2026-09-02T10:14:03.000000Z"
                name: pal-e-postgres-daily-20261126020000
                image: minio/minio:RELEASE.2025-04-22T22-12-26Z
                """)).isEqualTo("""
                lastScheduleTime: "2029-12-02T02:00:00Z"
                currentPrimaryTimestamp: "2029-09-08T10:14:03Z"
                name: pal-e-postgres-daily-20261126020000
                image: minio/minio:RELEASE.2025-04-22T22-12-26Z
                """);
    }

    @Test
    void aClockBeforeTheFixtureMovesItBack() {
        SeedTimeline timeline = SeedTimeline.of(WRITTEN, at("2026-11-20T11:59:59Z"));

        assertThat(timeline.shift()).isEqualTo(Duration.ofDays(-7));
    }

    @Test
    void yearsAheadIsTheFixturesTimeOfDayYearsFromTheReference() {
        Clock ahead = SeedTimeline.yearsAhead(WRITTEN, at("2026-12-03T07:48:00Z"), 3);

        assertThat(ahead.instant()).isEqualTo("2029-12-01T12:00:00Z");
        assertThat(SeedTimeline.of(WRITTEN, ahead).at(WRITTEN)).isEqualTo(ahead.instant());
    }

    @Test
    void onlyWholeDays() {
        assertThatThrownBy(() -> new SeedTimeline(Duration.ofHours(5))).isInstanceOf(IllegalArgumentException.class);
    }
}
