package dev.rehome.sandbox;

import dev.rehome.core.RefusedException;
import dev.rehome.core.spi.Lock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lease-like lock inside one process: a claim expires after its TTL, and the same holder may take it again
 * (a resumed run). Stands in for the Kubernetes Lease of backend-kubectl. Thread-safe.
 */
public final class LocalLock implements Lock {
    private record Claim(String holder, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    public LocalLock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Handle acquire(String name, String holder, Duration ttl) {
        Instant now = clock.instant();
        Claim mine = new Claim(holder, now.plus(ttl));
        Claim result = claims.compute(name, (k, had) ->
                had == null || had.holder().equals(holder) || !had.until().isAfter(now) ? mine : had);
        if (result != mine) {
            throw new RefusedException("lock '" + name + "' is held by " + result.holder() + " until " + result.until()
                    + "; wait for that run to finish");
        }
        return () -> claims.remove(name, mine);
    }
}
