package dev.rehome.core;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a running step sees: the listener, the clock, and the plan's facts, a string map that the journal keeps so
 * that values one step records (fingerprints, UIDs, the before-image of an env var) survive a crash and reach
 * later steps and {@code rollback}. Facts must never hold a secret. Thread-safe.
 */
public final class StepContext {
    private final MigrationListener listener;
    private final Clock clock;
    private final Map<String, String> facts;
    private final Runnable persist;

    public StepContext(MigrationListener listener, Clock clock, Map<String, String> facts, Runnable persist) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.facts = new ConcurrentHashMap<>(facts);
        this.persist = Objects.requireNonNull(persist, "persist");
    }

    /** A context with no journal behind it, for previews and tests. */
    public static StepContext detached(Clock clock) {
        return new StepContext(MigrationListener.NONE, clock, Map.of(), () -> { });
    }

    public MigrationListener listener() {
        return listener;
    }

    public Clock clock() {
        return clock;
    }

    public Optional<String> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    public String requireFact(String key) {
        String value = facts.get(key);
        if (value == null) {
            throw new OperationFailedException("the journal has no '" + key + "'; an earlier step did not record it");
        }
        return value;
    }

    /** Records a fact and writes the journal before returning, so the fact survives a crash right after. */
    public void putFact(String key, String value) {
        facts.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        persist.run();
    }

    public Map<String, String> facts() {
        return Map.copyOf(facts);
    }
}
