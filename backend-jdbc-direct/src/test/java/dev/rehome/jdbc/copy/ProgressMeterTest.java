package dev.rehome.jdbc.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyProgress;
import dev.rehome.core.MigrationListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void tellsTheListenerAtMostOncePerIntervalAndAlwaysTheTotalsAtTheEnd() {
        List<CopyProgress> seen = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void onCopyProgress(CopyProgress p) {
                seen.add(p);
            }
        };
        ProgressMeter meter = new ProgressMeter(listener, clock, 2, Duration.ofMillis(500));

        for (int i = 0; i < 1000; i++) {
            meter.add(1, 10);
        }
        assertThat(seen).isEmpty();
        now = now.plusMillis(600);
        meter.add(1, 10);
        meter.tableDone();
        assertThat(seen).hasSize(1);
        meter.tableDone();
        CopyProgress last = meter.finish();

        assertThat(last).isEqualTo(new CopyProgress(2, 2, 1001, 10010, Duration.ofMillis(600)));
        assertThat(seen).hasSize(2).last().isEqualTo(last);
    }
}
