package dev.rehome.kubectl.safety;

import java.time.Instant;
import java.util.Objects;

/** Whether a run still holds its Lease, as its renewals saw it. */
public sealed interface LeaseHealth {

    /** Held; no other run may take it before {@code until}. */
    record Held(Instant until) implements LeaseHealth {
        public Held {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * Lost, or too close to expiry to count on (renewals failed for half the TTL): another run may take the Lease,
     * so this one must stop at its next safe point. Final: a lost handle never becomes held again.
     */
    record Lost(String reason, Instant at) implements LeaseHealth {
        public Lost {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }
}
