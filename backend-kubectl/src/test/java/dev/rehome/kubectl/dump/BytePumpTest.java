package dev.rehome.kubectl.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import dev.rehome.testkit.time.TickingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BytePumpTest {
    @Test
    void copiesEverythingClosesTheConsumerAndReportsProgressPerInterval() {
        byte[] data = new byte[BytePump.BUFFER_BYTES * 3 + 17];
        List<Long> reported = new ArrayList<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream consumer = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        AtomicLong moved = new AtomicLong();
        BytePump.Outcome outcome = new BytePump(new TickingClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1)), Duration.ofSeconds(2),
                (bytes, elapsed) -> reported.add(bytes), moved::addAndGet).pump(new ByteArrayInputStream(data), consumer);

        assertThat(outcome.sawEof()).isTrue();
        assertThat(outcome.bytes()).isEqualTo(data.length);
        assertThat(sink.size()).isEqualTo(data.length);
        assertThat(closed[0]).isTrue();
        assertThat(reported).isNotEmpty().last().isEqualTo((long) data.length);
        assertThat(reported).isSorted();
        assertThat(moved).as("every chunk reported as it passed").hasValue(data.length);
    }

    @Test
    void aConsumerThatDiesEndsThePumpWithoutEofAndWithTheBytesSoFar() {
        OutputStream dying = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        BytePump.Outcome outcome = new BytePump(new TickingClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1)), Duration.ofSeconds(1), (b, e) -> { }, b -> { })
                .pump(new ByteArrayInputStream(new byte[100]), dying);

        assertThat(outcome.sawEof()).isFalse();
        assertThat(outcome.bytes()).isZero();
        assertThat(outcome.failure()).hasMessage("Broken pipe");
    }
}
