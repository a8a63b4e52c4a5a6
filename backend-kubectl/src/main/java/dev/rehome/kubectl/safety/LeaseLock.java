package dev.rehome.kubectl.safety;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.spi.Lock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Lock} on a {@code coordination.k8s.io/v1} Lease, one per target database, so two rehome runs never
 * touch one database. A claim dies with its holder: unless renewed within its TTL it may be taken over. Every
 * write carries the resourceVersion read just before it, so two runs racing for an expired Lease cannot both
 * win. With a scheduler, held Leases renew themselves every third of their TTL; without one, call
 * {@link LeaseHandle#renew()}. Thread-safe.
 */
public final class LeaseLock implements Lock {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;
    private final Optional<ScheduledExecutorService> renewer;

    /** Leases live in {@code namespace}; {@code renewer} may be null for explicit renewal only. */
    public LeaseLock(KubernetesClient client, String namespace, Clock clock, ScheduledExecutorService renewer) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewer = Optional.ofNullable(renewer);
    }

    /** The Lease name for a lock name: {@code rehome-} plus the name as a DNS label. */
    public static String leaseName(String lockName) {
        String n = ("rehome-" + lockName).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        n = n.length() > 63 ? n.substring(0, 63) : n;
        return n.replaceAll("[-.]+$", "");
    }

    @Override
    public LeaseHandle acquire(String name, String holder, Duration ttl) {
        String leaseName = leaseName(name);
        var leases = client.leases().inNamespace(namespace);
        Lease current = leases.withName(leaseName).get();
        Instant now = clock.instant();
        try {
            if (current == null) {
                leases.resource(newLease(leaseName, name, holder, ttl, now)).create();
            } else {
                String currentHolder = current.getSpec().getHolderIdentity();
                Instant expires = expiry(current);
                boolean ours = holder.equals(currentHolder);
                if (!ours && currentHolder != null && !currentHolder.isBlank() && now.isBefore(expires)) {
                    throw new RefusedException("database '" + name + "' is locked by '" + currentHolder
                            + "' until " + expires + " (Lease " + namespace + "/" + leaseName
                            + "); wait for that run to finish or for its claim to expire");
                }
                current.getSpec().setHolderIdentity(holder);
                current.getSpec().setLeaseDurationSeconds((int) ttl.toSeconds());
                current.getSpec().setRenewTime(at(now));
                if (!ours) {
                    current.getSpec().setAcquireTime(at(now));
                    int transitions = Optional.ofNullable(current.getSpec().getLeaseTransitions()).orElse(0);
                    current.getSpec().setLeaseTransitions(transitions + 1);
                    LOG.info("Taking over Lease '{}' from '{}', whose claim expired at {}", leaseName, currentHolder, expires);
                }
                leases.resource(current).lockResourceVersion(current.getMetadata().getResourceVersion()).update();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new RefusedException("another run took the lock on database '" + name + "' at the same moment"
                        + " (Lease " + namespace + "/" + leaseName + "); try again later", e);
            }
            throw e;
        }
        LeaseHandle handle = new LeaseHandle(leaseName, holder, ttl);
        renewer.ifPresent(r -> handle.schedule(r));
        return handle;
    }

    private Lease newLease(String leaseName, String lockName, String holder, Duration ttl, Instant now) {
        return new LeaseBuilder()
                .withNewMetadata().withName(leaseName).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "rehome")
                .addToAnnotations("rehome.dev/lock", lockName).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds((int) ttl.toSeconds())
                .withAcquireTime(at(now)).withRenewTime(at(now)).withLeaseTransitions(0).endSpec()
                .build();
    }

    private static Instant expiry(Lease lease) {
        ZonedDateTime renewed = Optional.ofNullable(lease.getSpec().getRenewTime())
                .orElse(lease.getSpec().getAcquireTime());
        int seconds = Optional.ofNullable(lease.getSpec().getLeaseDurationSeconds()).orElse(0);
        return renewed == null ? Instant.EPOCH : renewed.toInstant().plusSeconds(seconds);
    }

    private static ZonedDateTime at(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    /** A held Lease. {@link #close()} releases it if this holder still has it. */
    public final class LeaseHandle implements Lock.Handle {
        private final String leaseName;
        private final String holder;
        private final Duration ttl;
        private volatile ScheduledFuture<?> renewal;

        private LeaseHandle(String leaseName, String holder, Duration ttl) {
            this.leaseName = leaseName;
            this.holder = holder;
            this.ttl = ttl;
        }

        public String leaseName() {
            return leaseName;
        }

        private void schedule(ScheduledExecutorService scheduler) {
            long every = Math.max(1, ttl.toMillis() / 3);
            renewal = scheduler.scheduleAtFixedRate(() -> {
                try {
                    renew();
                } catch (RuntimeException e) {
                    LOG.warn("Could not renew Lease '{}': {}", leaseName, e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        /** Extends the claim by its TTL from now; fails if another holder took the Lease over. */
        public synchronized void renew() {
            var resource = client.leases().inNamespace(namespace).withName(leaseName);
            Lease lease = resource.get();
            if (lease == null || !holder.equals(lease.getSpec().getHolderIdentity())) {
                throw new OperationFailedException("lost Lease " + namespace + "/" + leaseName + " to '"
                        + (lease == null ? "nobody (deleted)" : lease.getSpec().getHolderIdentity())
                        + "'; stop: another run may be working on this database");
            }
            lease.getSpec().setRenewTime(at(clock.instant()));
            client.leases().inNamespace(namespace).resource(lease)
                    .lockResourceVersion(lease.getMetadata().getResourceVersion()).update();
        }

        @Override
        public synchronized void close() {
            if (renewal != null) {
                renewal.cancel(false);
            }
            var resource = client.leases().inNamespace(namespace).withName(leaseName);
            Lease lease = resource.get();
            if (lease != null && holder.equals(lease.getSpec().getHolderIdentity())) {
                lease.getSpec().setHolderIdentity(null);
                lease.getSpec().setRenewTime(null);
                client.leases().inNamespace(namespace).resource(lease)
                        .lockResourceVersion(lease.getMetadata().getResourceVersion()).update();
            }
        }
    }
}
