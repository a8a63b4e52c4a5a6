package dev.rehome.kubectl.safety;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.Lock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held Lease ({@link LeaseLock}). Renewal follows the injected clock: {@link #tick()} renews once a third of the
 * TTL has passed since the last renewal (a scheduler calls it every sixth, tests after moving a fake clock). A
 * renewal that finds another holder, or failures until at most half the TTL is left, make the handle
 * {@link LeaseHealth.Lost} for good: {@link #health()}, {@link #onLost} listeners and {@link #ensureHeld()} tell the
 * run to stop at its next safe point. {@link #close()} releases the Lease if this run still has it.
 */
public final class LeaseHandle implements Lock.Handle {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHandle.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final Duration ttl;
    private final Clock clock;
    private final List<Consumer<LeaseHealth.Lost>> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant lastRenewed;
    private volatile LeaseHealth.Lost lost;
    private volatile ScheduledFuture<?> renewal;

    LeaseHandle(KubernetesClient client, String namespace, String leaseName, String identity, Duration ttl,
                Clock clock, Instant acquiredAt) {
        this.client = client;
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.identity = identity;
        this.ttl = ttl;
        this.clock = clock;
        this.lastRenewed = acquiredAt;
    }

    public String leaseName() {
        return leaseName;
    }

    /** The identity this run wrote as the Lease's holder. */
    public String holderIdentity() {
        return identity;
    }

    void schedule(ScheduledExecutorService scheduler) {
        long every = Math.max(1, ttl.toMillis() / 6);
        renewal = scheduler.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** Renews if a third of the TTL passed since the last renewal by the clock; never throws. */
    public void tick() {
        if (lost != null || clock.instant().isBefore(lastRenewed.plus(ttl.dividedBy(3)))) {
            return;
        }
        try {
            renew();
        } catch (RuntimeException e) {
            renewalFailed(e);
        }
    }

    /** Extends the claim by its TTL from now; fails, and the handle is lost, if another holder has the Lease. */
    public synchronized void renew() {
        if (lost != null) {
            throw new OperationFailedException(lost.reason());
        }
        var leases = client.leases().inNamespace(namespace);
        Lease lease = leases.withName(leaseName).get();
        if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
            markLost("lost Lease " + namespace + "/" + leaseName + " to '"
                    + (lease == null ? "nobody (deleted)" : lease.getSpec().getHolderIdentity())
                    + "'; stop: another run may be working on this database");
            throw new OperationFailedException(lost.reason());
        }
        Instant now = clock.instant();
        lease.getSpec().setRenewTime(at(now));
        leases.resource(lease).lockResourceVersion(lease.getMetadata().getResourceVersion()).update();
        lastRenewed = now;
    }

    private void renewalFailed(RuntimeException e) {
        if (lost != null) {
            return;
        }
        Instant expires = lastRenewed.plus(ttl);
        Duration left = Duration.between(clock.instant(), expires);
        LOG.warn("Could not renew Lease '{}' ({} of its claim left): {}", leaseName, left, e.getMessage());
        if (left.compareTo(ttl.dividedBy(2)) <= 0) {
            markLost("could not renew Lease " + namespace + "/" + leaseName + " since " + lastRenewed + " ("
                    + e.getMessage() + "); its claim ends at " + expires + ", after which another run may take it");
        }
    }

    /** {@link LeaseHealth.Held} until the claim's end, or {@link LeaseHealth.Lost} (also once it ran out unrenewed). */
    public LeaseHealth health() {
        if (lost == null && !clock.instant().isBefore(lastRenewed.plus(ttl))) {
            markLost("the claim on Lease " + namespace + "/" + leaseName + " ran out at " + lastRenewed.plus(ttl)
                    + " without a renewal");
        }
        LeaseHealth.Lost l = lost;
        return l != null ? l : new LeaseHealth.Held(lastRenewed.plus(ttl));
    }

    /** Throws {@link OperationFailedException} if the Lease is lost; the runner calls it between steps. */
    @Override
    public void ensureHeld() {
        if (health() instanceof LeaseHealth.Lost l) {
            throw new OperationFailedException(l.reason() + "; stopped at a safe point");
        }
    }

    /** Calls {@code listener} once when the Lease is lost (at once if it already is). */
    public void onLost(Consumer<LeaseHealth.Lost> listener) {
        listeners.add(listener);
        LeaseHealth.Lost l = lost;
        if (l != null && listeners.remove(listener)) {
            listener.accept(l);
        }
    }

    private synchronized void markLost(String reason) {
        if (lost != null) {
            return;
        }
        lost = new LeaseHealth.Lost(reason, clock.instant());
        LOG.warn("{}", reason);
        if (renewal != null) {
            renewal.cancel(false);
        }
        for (Consumer<LeaseHealth.Lost> l : listeners) {
            if (listeners.remove(l)) {
                try {
                    l.accept(lost);
                } catch (RuntimeException e) {
                    LOG.warn("A lost-Lease listener failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (renewal != null) {
            renewal.cancel(false);
        }
        var leases = client.leases().inNamespace(namespace);
        Lease lease = leases.withName(leaseName).get();
        if (lease != null && identity.equals(lease.getSpec().getHolderIdentity())) {
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setRenewTime(null);
            leases.resource(lease).lockResourceVersion(lease.getMetadata().getResourceVersion()).update();
        }
    }

    static Instant expiry(Lease lease) {
        ZonedDateTime renewed = Optional.ofNullable(lease.getSpec().getRenewTime())
                .orElse(lease.getSpec().getAcquireTime());
        int seconds = Optional.ofNullable(lease.getSpec().getLeaseDurationSeconds()).orElse(0);
        return renewed == null ? Instant.EPOCH : renewed.toInstant().plusSeconds(seconds);
    }

    static ZonedDateTime at(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
