package dev.rehome.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** An ordered list of steps with a name that identifies the plan in the journal. Immutable. */
public record MigrationPlan(String name, List<Step> steps) {
    public MigrationPlan {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        var ids = new HashSet<String>();
        for (Step s : steps) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("plan '" + name + "' has two steps with id '" + s.id() + "'");
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder step(Step step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        public MigrationPlan build() {
            return new MigrationPlan(name, steps);
        }
    }
}
