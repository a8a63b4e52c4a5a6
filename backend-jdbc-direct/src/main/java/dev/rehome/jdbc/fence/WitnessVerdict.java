package dev.rehome.jdbc.fence;

import java.time.Instant;
import java.util.List;

/** The outcome of comparing two {@link WriteWitness}es. */
public sealed interface WitnessVerdict {

    /** Proven: no transaction wrote and no sequence moved anywhere on the instance between the two moments. */
    record Quiet(Instant from, Instant to) implements WitnessVerdict {
    }

    /** Something wrote or advanced a sequence; not yet proof of an app write (see {@link WriteWitness}). */
    record Moved(List<String> evidence) implements WitnessVerdict {
        public Moved {
            evidence = List.copyOf(evidence);
        }
    }
}
