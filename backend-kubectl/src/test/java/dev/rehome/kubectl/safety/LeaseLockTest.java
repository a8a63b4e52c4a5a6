package dev.rehome.kubectl.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.core.spi.SourceLockKey;
import dev.rehome.kubectl.MockCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LeaseLockTest {
    private static final Duration TTL = Duration.ofSeconds(60);
    private MockCluster cluster;
    private FakeClock clock;
    private LeaseLock lock;

    @BeforeEach
    void start() {
        cluster = MockCluster.empty();
        clock = new FakeClock(Instant.parse("2026-11-26T12:00:00Z"));
        lock = new LeaseLock(cluster.client(), "postgres", clock, null);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheLease() {
        lock.acquire("pal-e-postgres/basketball", "run-a", TTL);
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> lock.acquire("pal-e-postgres/basketball", "run-b", TTL))
                .isInstanceOf(RefusedException.class).hasMessageContaining("locked by 'run-a'")
                .hasMessageContaining("2026-11-26T12:01:00Z");
        var lease = cluster.client().leases().inNamespace("postgres")
                .withName(LeaseLock.leaseName("pal-e-postgres/basketball")).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(lock.holderIdentity("run-a")).startsWith("run-a run ");
        assertThat(lease.getMetadata().getAnnotations()).containsEntry(LeaseLock.A_HOLDER, "run-a");
        assertThat(lease.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rehome");
    }

    @Test
    void renewalKeepsTheClaimAliveAndExpiryAllowsTakeover() {
        LeaseHandle a = lock.acquire("basketball", "run-a", TTL);
        clock.advance(Duration.ofSeconds(50));
        a.renew();
        clock.advance(Duration.ofSeconds(50));
        assertThatThrownBy(() -> lock.acquire("basketball", "run-b", TTL)).isInstanceOf(RefusedException.class);

        clock.advance(Duration.ofSeconds(11));
        lock.acquire("basketball", "run-b", TTL);

        var lease = cluster.client().leases().inNamespace("postgres").withName(LeaseLock.leaseName("basketball")).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(lock.holderIdentity("run-b"));
        assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThatThrownBy(a::renew).isInstanceOf(OperationFailedException.class).hasMessageContaining("run-b");
    }

    @Test
    void releasingLetsTheNextRunInAtOnceAndTheSameHolderMayReacquire() {
        LeaseHandle a = lock.acquire("basketball", "run-a", TTL);
        lock.acquire("basketball", "run-a", TTL);
        a.close();

        lock.acquire("basketball", "run-b", TTL);
        assertThat(cluster.client().leases().inNamespace("postgres").withName(LeaseLock.leaseName("basketball")).get()
                .getSpec().getHolderIdentity()).isEqualTo(lock.holderIdentity("run-b"));
    }

    /** A scheduler that only records the renewal task, so the test runs it when the fake clock says so. */
    private static final class ManualScheduler extends java.util.concurrent.ScheduledThreadPoolExecutor {
        Runnable task;
        long periodMillis;

        ManualScheduler() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay,
                                                                           long period, java.util.concurrent.TimeUnit unit) {
            task = command;
            periodMillis = unit.toMillis(period);
            return super.schedule(() -> { }, 1, java.util.concurrent.TimeUnit.DAYS);
        }
    }

    @Test
    void aRenewerTicksEverySixthOfItsTtlAndRenewsByTheClockEveryThirdUntilReleased() {
        ManualScheduler scheduler = new ManualScheduler();
        try {
            LeaseLock renewing = new LeaseLock(cluster.client(), "postgres", clock, scheduler);
            LeaseHandle held = renewing.acquire("basketball", "run-a", TTL);
            assertThat(scheduler.periodMillis).isEqualTo(10_000);

            for (int i = 0; i < 12; i++) {
                clock.advance(Duration.ofSeconds(10));
                scheduler.task.run();
                assertThat(held.health()).isInstanceOf(LeaseHealth.Held.class);
            }
            assertThatThrownBy(() -> lock.acquire("basketball", "run-b", TTL)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("until 2026-11-26T12:03:00Z");

            held.close();
            lock.acquire("basketball", "run-b", TTL);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void leaseNamesAreDnsLabelsAndDistinctForDistinctLockNames() {
        String dnsLabel = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
        java.util.List<String> names = java.util.List.of("pal-e-postgres/Basketball_DB", "pal-e-postgres/basketball-db",
                "pal-e-postgres/basketball.db", "x".repeat(100), "x".repeat(100) + "y",
                new SourceLockKey("shop", "shop-db", "orders").lockName());
        java.util.Set<String> leaseNames = new java.util.HashSet<>();
        for (String n : names) {
            String lease = LeaseLock.leaseName(n);
            assertThat(lease).hasSizeLessThanOrEqualTo(63).matches(dnsLabel).startsWith("rehome-");
            leaseNames.add(lease);
        }
        assertThat(LeaseLock.leaseName("pal-e-postgres/Basketball_DB")).startsWith("rehome-pal-e-postgres-basketball-db-");
        assertThat(leaseNames).hasSameSizeAs(names);
    }
}
