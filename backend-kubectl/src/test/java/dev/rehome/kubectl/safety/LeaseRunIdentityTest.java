package dev.rehome.kubectl.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.core.spi.SourceLockKey;
import dev.rehome.kubectl.MockCluster;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 11 review: one holder per run, a lock keyed on the source database, and a lost Lease that is seen. */
@Timeout(60)
class LeaseRunIdentityTest {
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final RunIdentity TERMINAL_1 = new RunIdentity("linux:boot-1:pid:[4026531836]", 4101, 1000, "aaaa1111");
    private static final RunIdentity TERMINAL_2 = new RunIdentity("linux:boot-1:pid:[4026531836]", 4102, 2000, "bbbb2222");
    private static final String SOURCE = new SourceLockKey("shop", "shop-db", "orders").lockName();
    private MockCluster cluster;
    private FakeClock clock;
    private final AtomicReference<HolderLiveness.Answer> holderIs = new AtomicReference<>(HolderLiveness.Answer.ALIVE);

    @BeforeEach
    void start() {
        cluster = MockCluster.empty();
        clock = new FakeClock(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private LeaseLock lockFor(RunIdentity run) {
        return lockFor(run, cluster.client());
    }

    private LeaseLock lockFor(RunIdentity run, KubernetesClient client) {
        return new LeaseLock(client, "postgres", clock, null, run, holder -> holderIs.get());
    }

    @Test
    void twoTerminalsOfOneUserOnOneHostDoNotBothGetIn() {
        lockFor(TERMINAL_1).acquire(SOURCE, "alice@laptop", TTL);

        assertThatThrownBy(() -> lockFor(TERMINAL_2).acquire(SOURCE, "alice@laptop", TTL))
                .isInstanceOf(RefusedException.class).hasMessageContaining("locked by 'alice@laptop' (run aaaa1111, pid 4101)");
    }

    @Test
    void aRerunAfterKillNineOnThisMachineTakesOverAtOnceAHolderElsewhereOnlyAfterExpiry() {
        lockFor(TERMINAL_1).acquire(SOURCE, "alice@laptop", TTL);
        holderIs.set(HolderLiveness.Answer.UNKNOWN);
        assertThatThrownBy(() -> lockFor(TERMINAL_2).acquire(SOURCE, "alice@laptop", TTL))
                .isInstanceOf(RefusedException.class);

        holderIs.set(HolderLiveness.Answer.DEAD);
        LeaseHandle rerun = lockFor(TERMINAL_2).acquire(SOURCE, "alice@laptop", TTL);

        var lease = cluster.client().leases().inNamespace("postgres").withName(rerun.leaseName()).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("alice@laptop run bbbb2222");
        assertThat(lease.getMetadata().getAnnotations()).containsEntry(LeaseLock.A_PID, "4102");
    }

    @Test
    void localProcessesKnowsThisProcessAliveAndADeadPidOrAnotherMachineForWhatTheyAre() {
        RunIdentity self = RunIdentity.ofThisProcess(new java.security.SecureRandom());
        HolderLiveness local = HolderLiveness.localProcesses(self);

        assertThat(local.check(self)).isEqualTo(HolderLiveness.Answer.ALIVE);
        assertThat(local.check(new RunIdentity(self.machine(), self.pid(), self.started() + 5, "x")))
                .as("same pid, other start time: a reused pid").isEqualTo(HolderLiveness.Answer.DEAD);
        assertThat(local.check(new RunIdentity(self.machine(), Long.MAX_VALUE - 1, -1, "x")))
                .isEqualTo(HolderLiveness.Answer.DEAD);
        assertThat(local.check(new RunIdentity("host:elsewhere", self.pid(), self.started(), "x")))
                .isEqualTo(HolderLiveness.Answer.UNKNOWN);
        assertThat(RunIdentity.ofThisProcess(new java.security.SecureRandom()).runId()).isNotEqualTo(self.runId());
    }

    @Test
    void theLockIsKeyedOnTheSourceDatabaseNotOnTheAppOrTarget() {
        lockFor(TERMINAL_1).acquire(new SourceLockKey("shop", "shop-db", "orders").lockName(), "alice@laptop", TTL);

        assertThatThrownBy(() -> lockFor(TERMINAL_2).acquire(new SourceLockKey("shop", "shop-db", "orders").lockName(),
                "bob@ci", TTL)).isInstanceOf(RefusedException.class);
        lockFor(TERMINAL_2).acquire(new SourceLockKey("shop", "shop-db", "invoices").lockName(), "bob@ci", TTL);
        lockFor(TERMINAL_2).acquire(new SourceLockKey("shop", "other-db", "orders").lockName(), "bob@ci", TTL);
    }

    @Test
    void aLeaseTakenByAnotherRunIsLostAtTheNextTickAndTheRunnerSeesIt() {
        LeaseHandle held = lockFor(TERMINAL_1).acquire(SOURCE, "alice@laptop", TTL);
        List<LeaseHealth.Lost> heard = new ArrayList<>();
        held.onLost(heard::add);
        var leases = cluster.client().leases().inNamespace("postgres");
        var lease = leases.withName(held.leaseName()).get();
        lease.getSpec().setHolderIdentity("mallory run cccc");
        leases.resource(lease).update();

        clock.advance(Duration.ofSeconds(10));
        held.tick();
        assertThat(held.health()).as("not due yet: a tick before a third of the TTL sends nothing")
                .isInstanceOf(LeaseHealth.Held.class);
        held.ensureHeld();

        clock.advance(Duration.ofSeconds(10));
        held.tick();
        assertThat(held.health()).isInstanceOfSatisfying(LeaseHealth.Lost.class,
                l -> assertThat(l.reason()).contains("mallory"));
        assertThat(heard).hasSize(1);
        assertThatThrownBy(held::ensureHeld).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("safe point");
        held.tick();
        assertThat(heard).as("heard once").hasSize(1);
    }

    @Test
    void renewalsThatFailUntilHalfTheTtlIsLeftLoseTheLease() {
        MockCluster other = MockCluster.empty();
        KubernetesClient noRetry = new KubernetesClientBuilder().withConfig(new ConfigBuilder(other.client()
                .getConfiguration()).withRequestRetryBackoffLimit(0).build()).build();
        try {
            LeaseHandle held = lockFor(TERMINAL_1, noRetry).acquire(SOURCE, "alice@laptop", TTL);
            List<LeaseHealth.Lost> heard = new ArrayList<>();
            held.onLost(heard::add);
            other.server().destroy();

            clock.advance(Duration.ofSeconds(20));
            held.tick();
            assertThat(held.health()).as("40 s of 60 left").isEqualTo(new LeaseHealth.Held(Instant.parse("2026-11-26T12:01:00Z")));
            assertThat(heard).isEmpty();

            clock.advance(Duration.ofSeconds(10));
            held.tick();
            assertThat(held.health()).as("30 s of 60 left").isInstanceOf(LeaseHealth.Lost.class);
            assertThat(heard).singleElement().satisfies(l -> assertThat(l.reason()).contains("could not renew")
                    .contains("2026-11-26T12:01:00Z"));
        } finally {
            noRetry.close();
            other.close();
        }
    }

    @Test
    void aHandleNeverRenewedIsLostOnceItsClaimRunsOut() {
        LeaseHandle held = lockFor(TERMINAL_1).acquire(SOURCE, "alice@laptop", TTL);
        clock.advance(Duration.ofSeconds(59));
        held.ensureHeld();

        clock.advance(Duration.ofSeconds(1));
        assertThat(held.health()).isInstanceOf(LeaseHealth.Lost.class);
        List<LeaseHealth.Lost> late = new ArrayList<>();
        held.onLost(late::add);
        assertThat(late).as("a listener added after the loss hears it at once").hasSize(1);
    }
}
