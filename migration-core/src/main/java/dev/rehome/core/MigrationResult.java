package dev.rehome.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How a plan's run ended: each step's result in order, the facts the steps recorded, and the total time. */
public record MigrationResult(String plan, List<StepResult> steps, Map<String, String> facts, Duration duration) {
    public MigrationResult {
        Objects.requireNonNull(plan, "plan");
        steps = List.copyOf(steps);
        facts = Map.copyOf(facts);
        Objects.requireNonNull(duration, "duration");
    }

    public boolean succeeded() {
        return steps.stream().noneMatch(r -> r instanceof StepResult.Failed);
    }
}
