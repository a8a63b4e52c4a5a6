package dev.rehome.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A lost lock stops the run before its next step: that step never starts, the earlier ones are undone. */
class MigratorSafePointTest {
    private final List<String> ran = new ArrayList<>();
    private final List<String> undone = new ArrayList<>();
    private final AtomicBoolean lockHeld = new AtomicBoolean(true);

    private Step step(String id) {
        return new Step() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return id;
            }

            @Override
            public void run(StepContext context) {
                ran.add(id);
                if (id.equals("quiesce")) {
                    lockHeld.set(false); // the renewal failed while quiesce ran
                }
            }

            @Override
            public boolean reversible() {
                return true;
            }

            @Override
            public void undo(StepContext context) {
                undone.add(id);
            }
        };
    }

    @Test
    void aLostLockStopsAtTheNextSafePointAndRollsBackWhatRan() {
        InMemoryJournal journal = new InMemoryJournal();
        MigrationPlan plan = MigrationPlan.builder("p").step(step("preflight")).step(step("quiesce"))
                .step(step("copy")).build();

        MigrationResult r = Migrator.builder().journal(journal).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .safePoint(() -> {
                    if (!lockHeld.get()) {
                        throw new OperationFailedException("lost Lease postgres/rehome-x; stopped at a safe point");
                    }
                }).build().execute(plan);

        assertThat(ran).containsExactly("preflight", "quiesce");
        assertThat(undone).containsExactly("quiesce", "preflight");
        assertThat(r.steps()).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.stepId()).isEqualTo("copy")));
        assertThat(journal.read("p").step("copy")).as("the stopped step never started").isEmpty();
    }
}
