package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JobSlotsTest {

    @Test
    void neverRunsMoreThanTheLimitAtOnceAndKeepsEachOutcomeInOrder() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoRunning = new CountDownLatch(2);
        List<Callable<Integer>> tasks = IntStream.range(0, 6).<Callable<Integer>>mapToObj(i -> () -> {
            most.accumulateAndGet(active.incrementAndGet(), Math::max);
            twoRunning.countDown();
            twoRunning.await(); // the first two meet here, so the limit is reached before any finishes
            active.decrementAndGet();
            if (i == 3) {
                throw new OperationFailedException("copy " + i + " failed");
            }
            return i * 10;
        }).toList();

        List<JobSlots.Outcome<Integer>> outcomes = new JobSlots(2).runAll(tasks);

        assertThat(most.get()).isEqualTo(2);
        assertThat(outcomes).hasSize(6);
        assertThat(outcomes.get(0)).isEqualTo(new JobSlots.Outcome.Done<>(0));
        assertThat(outcomes.get(5)).isEqualTo(new JobSlots.Outcome.Done<>(50));
        assertThat(outcomes.get(3)).isInstanceOfSatisfying(JobSlots.Outcome.Failed.class,
                f -> assertThat(f.error()).hasMessage("copy 3 failed"));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new JobSlots(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
