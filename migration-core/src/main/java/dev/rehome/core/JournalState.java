package dev.rehome.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything a journal holds for one plan: the latest record per step and the plan's facts. Immutable. */
public record JournalState(String plan, List<StepRecord> steps, Map<String, String> facts) {
    public JournalState {
        Objects.requireNonNull(plan, "plan");
        steps = List.copyOf(steps);
        facts = Map.copyOf(facts);
    }

    public static JournalState empty(String plan) {
        return new JournalState(plan, List.of(), Map.of());
    }

    public Optional<StepRecord> step(String stepId) {
        return steps.stream().filter(r -> r.stepId().equals(stepId)).findFirst();
    }

    public boolean succeeded(String stepId) {
        return step(stepId).map(r -> r.status() == StepStatus.SUCCEEDED).orElse(false);
    }

    /** This state with {@code record} replacing the step's earlier record. */
    public JournalState with(StepRecord record) {
        List<StepRecord> next = new ArrayList<>();
        boolean replaced = false;
        for (StepRecord r : steps) {
            if (r.stepId().equals(record.stepId())) {
                next.add(record);
                replaced = true;
            } else {
                next.add(r);
            }
        }
        if (!replaced) {
            next.add(record);
        }
        return new JournalState(plan, next, facts);
    }

    public JournalState withFacts(Map<String, String> newFacts) {
        Map<String, String> merged = new LinkedHashMap<>(facts);
        merged.putAll(newFacts);
        return new JournalState(plan, steps, merged);
    }
}
