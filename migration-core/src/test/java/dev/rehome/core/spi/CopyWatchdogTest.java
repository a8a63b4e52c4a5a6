package dev.rehome.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyLimits;
import dev.rehome.core.CopyStalledException;
import dev.rehome.core.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CopyWatchdogTest {
    private static final CopyLimits LIMITS = new CopyLimits(Duration.ofMinutes(5), Duration.ofHours(1));

    private final StepClock clock = new StepClock();
    private final AtomicInteger aborts = new AtomicInteger();
    private final CopyWatchdog watchdog = CopyWatchdog.manual(clock, LIMITS, "'src' and 'dst'", aborts::incrementAndGet);

    @Test
    void aStreamThatMovesNothingForTheStallLimitIsGivenUpOnceNamingTheStall() {
        watchdog.streamStarted();
        clock.advance(Duration.ofMinutes(4));
        watchdog.check();
        assertThat(watchdog.verdict()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        watchdog.check();
        watchdog.check();

        assertThat(aborts).hasValue(1);
        assertThat(watchdog.verdict()).get().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("no bytes moved for 5m0s between 'src' and 'dst'; the network or a"
                    + " server stopped answering");
            assertThat(e.errorCode()).isEqualTo(ErrorCode.FAILED);
        });
    }

    @Test
    void bytesMovedRestartTheStallCount() {
        watchdog.streamStarted();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(4));
            watchdog.moved(1);
            watchdog.check();
        }
        assertThat(watchdog.verdict()).isEmpty();
        assertThat(aborts).hasValue(0);
    }

    @Test
    void quietPhasesOutsideTheStreamAreBoundOnlyByTheDeadline() {
        watchdog.streamStarted();
        watchdog.streamEnded();
        clock.advance(Duration.ofMinutes(59));
        watchdog.check();
        assertThat(watchdog.verdict()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        watchdog.check();

        assertThat(aborts).hasValue(1);
        assertThat(watchdog.verdict()).get().extracting(Throwable::getMessage).isEqualTo("the copy between 'src' and"
                + " 'dst' did not finish within its deadline of 1h0m0s; it was stopped");
    }

    @Test
    void theVerdictStandsInForTheSocketErrorItCausedAndKeepsIt() {
        RuntimeException socketClosed = new IllegalStateException("An I/O error occurred while sending to the backend");
        assertThat(watchdog.explain(socketClosed)).isSameAs(socketClosed);

        watchdog.streamStarted();
        clock.advance(Duration.ofMinutes(5));
        watchdog.check();

        RuntimeException thrown = watchdog.explain(socketClosed);
        assertThat(thrown).isInstanceOf(CopyStalledException.class).hasSuppressedException(socketClosed);
    }

    @Test
    void durationsReadLikeGo() {
        assertThat(CopyWatchdog.human(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(CopyWatchdog.human(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(CopyWatchdog.human(Duration.ofMinutes(5))).isEqualTo("5m0s");
        assertThat(CopyWatchdog.human(Duration.ofMinutes(90))).isEqualTo("1h30m0s");
    }

    /** A clock that moves only when told. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
