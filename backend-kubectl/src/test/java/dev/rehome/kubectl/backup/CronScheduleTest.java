package dev.rehome.kubectl.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).nextAfter(Instant.parse(after), ZoneOffset.UTC);
    }

    @Test
    void sixFieldsReadSecondsFirst() {
        assertThat(next("0 0 2 * * *", "2026-11-26T12:00:00Z")).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(next("0 0 2 * * *", "2026-11-26T01:59:59Z")).isEqualTo("2026-11-26T02:00:00Z");
        assertThat(next("0 0 2 * * *", "2026-11-26T02:00:00Z")).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(CronSchedule.parse("0 0 2 * * *").hasSixFields()).isTrue();
    }

    @Test
    void fiveFieldsRunHourlyAtMinuteTwo() {
        CronSchedule trap = CronSchedule.parse("0 2 * * *");
        assertThat(trap.hasSixFields()).isFalse();
        assertThat(next("0 2 * * *", "2026-11-26T12:00:00Z")).isEqualTo("2026-11-26T12:02:00Z");
        assertThat(next("0 2 * * *", "2026-11-26T12:02:00Z")).isEqualTo("2026-11-26T13:02:00Z");
    }

    @Test
    void listsRangesStepsNamesAndDescriptors() {
        assertThat(next("30 */15 * * * *", "2026-11-26T12:00:31Z")).isEqualTo("2026-11-26T12:15:30Z");
        assertThat(next("0 0 3 * * MON-FRI", "2026-11-28T00:00:00Z")).isEqualTo("2026-11-30T03:00:00Z");
        assertThat(next("0 0 0 1 JAN,JUL *", "2026-11-26T00:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(next("@daily", "2026-11-26T12:00:00Z")).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(next("@every 6h", "2026-11-26T12:00:00Z")).isEqualTo("2026-11-26T18:00:00Z");
        // Both day fields restricted: either matches (robfig and Vixie cron agree).
        assertThat(next("0 0 0 13 * FRI", "2026-11-26T00:00:00Z")).isEqualTo("2026-11-27T00:00:00Z");
    }

    @Test
    void rejectsWhatCnpgRejects() {
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * *")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("six");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 25 * * *")).isInstanceOf(InvalidConfigurationException.class);
    }

    private static Optional<Duration> period(String... crons) {
        return CronSchedule.longestGapOfAny(CronSchedule.readableStandard(java.util.Arrays.asList(crons)));
    }

    @Test
    void standardPeriodsAreTheLongestGapBetweenRuns() {
        assertThat(period("0 2 * * *")).contains(Duration.ofDays(1));
        assertThat(period("0 0 2 * * *")).as("six fields are read seconds first").contains(Duration.ofDays(1));
        assertThat(period("0 */6 * * *")).contains(Duration.ofHours(6));
        assertThat(period("0 1 * * 1-6")).as("no run on Sunday").contains(Duration.ofDays(2));
        assertThat(period("30 6 * * 7")).as("7 is Sunday").contains(Duration.ofDays(7));
        assertThat(period("@daily")).contains(Duration.ofDays(1));
        assertThat(period("@every 1h")).contains(Duration.ofHours(1));
        assertThat(period("CRON_TZ=Europe/Berlin 0 3 * * *")).contains(Duration.ofDays(1));
        assertThat(period("0 2 1 * *").orElseThrow()).isEqualTo(Duration.ofDays(31));
        assertThat(period("0 2 31 * *").orElseThrow()).as("only months with a 31st").isEqualTo(Duration.ofDays(61));
        assertThat(period("0 1 * * 0", "0 1 * * 1-6"))
                .as("weekly full plus differentials Monday to Saturday: a backup every night").contains(Duration.ofDays(1));
        assertThat(period("not a cron")).isEmpty();
        assertThat(period((String) null)).isEmpty();
    }

    @Test
    void cnpgPeriodsReadTheFiveFieldTrapAsHourly() {
        assertThat(CronSchedule.cnpg("0 0 2 * * *").longestGap()).isEqualTo(Duration.ofDays(1));
        assertThat(CronSchedule.cnpg("0 2 * * *").longestGap()).isEqualTo(Duration.ofHours(1));
        assertThat(CronSchedule.cnpg("0 0 2 1 * *").longestGap()).as("monthly: the whole year is sampled")
                .isEqualTo(Duration.ofDays(31));
    }

    @Test
    void aScheduleMayNameItsZone() {
        assertThat(next("CRON_TZ=Europe/Berlin 0 0 3 * * *", "2026-11-26T00:00:00Z")).isEqualTo("2026-11-26T02:00:00Z");
        assertThatThrownBy(() -> CronSchedule.cnpg("TZ=Mars/Olympus 0 0 3 * * *"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("Mars/Olympus");
    }
}
