package dev.rehome.kubectl.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.InvalidConfigurationException;
import java.time.Instant;
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
}
