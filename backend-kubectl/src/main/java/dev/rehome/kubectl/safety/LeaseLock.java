package dev.rehome.kubectl.safety;

import dev.rehome.core.RefusedException;
import dev.rehome.core.spi.Lock;
import dev.rehome.kubectl.KubeNames;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Lock} on a {@code coordination.k8s.io/v1} Lease, one per SOURCE database ({@link SourceLockKey}), so two
 * rehome runs never fence or copy one database at once. The Lease's holder is one run ({@link RunIdentity}): the
 * caller's {@code holder} (user@host) plus a random run id, so two terminals of one user on one host do not both
 * get in. A claim dies with its holder: unless renewed within its TTL it may be taken over; a holder on this
 * machine whose process is gone ({@link HolderLiveness}) may be taken over at once, so a rerun after
 * {@code kill -9} need not wait out the TTL. Every write carries the resourceVersion read just before it, so two
 * runs racing for a free Lease cannot both win. Renewal follows the injected {@link Clock} ({@link LeaseHandle}).
 * Thread-safe.
 */
public final class LeaseLock implements Lock {
    static final String A_HOLDER = "rehome.dev/holder";
    static final String A_MACHINE = "rehome.dev/holder-machine";
    static final String A_PID = "rehome.dev/holder-pid";
    static final String A_STARTED = "rehome.dev/holder-started";
    static final String A_RUN = "rehome.dev/holder-run";
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;
    private final Optional<ScheduledExecutorService> renewer;
    private final RunIdentity self;
    private final HolderLiveness liveness;

    /** This process as the run, with a fresh run id; {@code renewer} may be null for explicit renewal only. */
    public LeaseLock(KubernetesClient client, String namespace, Clock clock, ScheduledExecutorService renewer) {
        this(client, namespace, clock, renewer, RunIdentity.ofThisProcess(new SecureRandom()));
    }

    private LeaseLock(KubernetesClient client, String namespace, Clock clock, ScheduledExecutorService renewer,
                      RunIdentity self) {
        this(client, namespace, clock, renewer, self, HolderLiveness.localProcesses(self));
    }

    public LeaseLock(KubernetesClient client, String namespace, Clock clock, ScheduledExecutorService renewer,
                     RunIdentity self, HolderLiveness liveness) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewer = Optional.ofNullable(renewer);
        this.self = Objects.requireNonNull(self, "self");
        this.liveness = Objects.requireNonNull(liveness, "liveness");
    }

    /**
     * The Lease name for a lock name: {@code rehome-}, the name as a DNS label, and a hash of the exact name, so
     * names that differ only in case, punctuation or beyond 63 characters never share a Lease.
     */
    public static String leaseName(String lockName) {
        return KubeNames.derived("rehome-", lockName);
    }

    /** The holder identity written to the Lease: the caller's holder plus this run's id. */
    public String holderIdentity(String holder) {
        return holder + " run " + self.runId();
    }

    @Override
    public LeaseHandle acquire(String name, String holder, Duration ttl) {
        String leaseName = leaseName(name);
        String identity = holderIdentity(holder);
        var leases = client.leases().inNamespace(namespace);
        Lease current = leases.withName(leaseName).get();
        Instant now = clock.instant();
        try {
            if (current == null) {
                Lease lease = new LeaseBuilder().withNewMetadata().withName(leaseName).withNamespace(namespace)
                        .addToLabels(ConfigMapJournal.MANAGED_BY, "rehome").addToAnnotations("rehome.dev/lock", name)
                        .endMetadata().withNewSpec().withLeaseTransitions(0).endSpec().build();
                claim(lease, identity, holder, ttl, now);
                leases.resource(lease).create();
            } else {
                String currentHolder = current.getSpec().getHolderIdentity();
                boolean ours = identity.equals(currentHolder);
                if (!ours && currentHolder != null && !currentHolder.isBlank()) {
                    refuseUnlessStale(current, name, now);
                }
                claim(current, identity, holder, ttl, now);
                if (!ours) {
                    int transitions = Optional.ofNullable(current.getSpec().getLeaseTransitions()).orElse(0);
                    current.getSpec().setLeaseTransitions(transitions + 1);
                }
                leases.resource(current).lockResourceVersion(current.getMetadata().getResourceVersion()).update();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new RefusedException("another run took the lock on '" + name + "' at the same moment"
                        + " (Lease " + namespace + "/" + leaseName + "); try again later", e);
            }
            throw e;
        }
        LeaseHandle handle = new LeaseHandle(client, namespace, leaseName, identity, ttl, clock, now);
        renewer.ifPresent(handle::schedule);
        return handle;
    }

    private void refuseUnlessStale(Lease current, String name, Instant now) {
        Instant expires = LeaseHandle.expiry(current);
        if (!now.isBefore(expires)) {
            LOG.info("Taking over Lease '{}' from '{}', whose claim expired at {}", current.getMetadata().getName(),
                    current.getSpec().getHolderIdentity(), expires);
            return;
        }
        Optional<RunIdentity> holderRun = runOf(current);
        if (holderRun.isPresent() && liveness.check(holderRun.get()) == HolderLiveness.Answer.DEAD) {
            LOG.info("Taking over Lease '{}' from '{}': its process {} on this machine is gone",
                    current.getMetadata().getName(), current.getSpec().getHolderIdentity(), holderRun.get().pid());
            return;
        }
        Map<String, String> a = annotations(current);
        String who = a.getOrDefault(A_HOLDER, current.getSpec().getHolderIdentity());
        throw new RefusedException("'" + name + "' is locked by '" + who + "' (run "
                + a.getOrDefault(A_RUN, "?") + ", pid " + a.getOrDefault(A_PID, "?") + ") until " + expires
                + " (Lease " + namespace + "/" + current.getMetadata().getName() + "); wait for that run to finish"
                + " or for its claim to expire");
    }

    private void claim(Lease lease, String identity, String holder, Duration ttl, Instant now) {
        boolean changes = !identity.equals(lease.getSpec().getHolderIdentity());
        lease.getSpec().setHolderIdentity(identity);
        lease.getSpec().setLeaseDurationSeconds((int) ttl.toSeconds());
        lease.getSpec().setRenewTime(LeaseHandle.at(now));
        if (changes || lease.getSpec().getAcquireTime() == null) {
            lease.getSpec().setAcquireTime(LeaseHandle.at(now));
        }
        Map<String, String> a = lease.getMetadata().getAnnotations();
        if (a == null) {
            a = new java.util.LinkedHashMap<>();
            lease.getMetadata().setAnnotations(a);
        }
        a.put(A_HOLDER, holder);
        a.put(A_MACHINE, self.machine());
        a.put(A_PID, Long.toString(self.pid()));
        a.put(A_STARTED, Long.toString(self.started()));
        a.put(A_RUN, self.runId());
    }

    private static Optional<RunIdentity> runOf(Lease lease) {
        Map<String, String> a = annotations(lease);
        try {
            if (!lease.getSpec().getHolderIdentity().endsWith(" run " + a.get(A_RUN))) {
                return Optional.empty();
            }
            return Optional.of(new RunIdentity(a.get(A_MACHINE), Long.parseLong(a.get(A_PID)),
                    Long.parseLong(a.get(A_STARTED)), a.get(A_RUN)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> annotations(Lease lease) {
        return Optional.ofNullable(lease.getMetadata().getAnnotations()).orElse(Map.of());
    }

}
