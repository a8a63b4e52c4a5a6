package dev.rehome.cutover;

import dev.rehome.cutover.steps.PreflightStep;
import java.util.List;
import java.util.Objects;

/** What {@code plan} shows: each step with what it reads and changes, and the preflight verdicts. Immutable. */
public record PlanPreview(String plan, List<Item> steps, PreflightStep.PreflightReport preflight) {
    public PlanPreview {
        Objects.requireNonNull(plan, "plan");
        steps = List.copyOf(steps);
        Objects.requireNonNull(preflight, "preflight");
    }

    public record Item(String id, String title, List<String> changes, boolean reversible, boolean pointOfNoReturn) {
        public Item {
            changes = List.copyOf(changes);
        }
    }
}
