package dev.rehome.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A journal that lives as long as the object: for tests, previews and embedders that journal elsewhere. Thread-safe. */
public final class InMemoryJournal implements Journal {
    private final Map<String, JournalState> states = new ConcurrentHashMap<>();

    @Override
    public JournalState read(String plan) {
        return states.getOrDefault(plan, JournalState.empty(plan));
    }

    @Override
    public void write(JournalState state) {
        states.put(state.plan(), state);
    }
}
