package dev.rehome.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rollback puts back what every earlier step changed, even when one undo fails; only a refusal stops it. */
class MigratorRollbackTest {
    @TempDir
    Path dir;

    private final List<String> undone = new ArrayList<>();

    private Step step(String id, Exception undoFailure) {
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
                if (id.equals("verify")) {
                    throw new OperationFailedException("the verification could not finish");
                }
            }

            @Override
            public boolean reversible() {
                return true;
            }

            @Override
            public void undo(StepContext context) throws Exception {
                if (undoFailure != null) {
                    throw undoFailure;
                }
                undone.add(id);
            }
        };
    }

    private MigrationResult run(Exception copyUndoFailure) {
        MigrationPlan plan = MigrationPlan.builder("p").step(step("quiesce", null))
                .step(step("copy", copyUndoFailure)).step(step("verify", null)).build();
        return Migrator.builder().journal(new FileJournal(dir)).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build().execute(plan);
    }

    @Test
    void aFailedUndoDoesNotStrandTheEarlierSteps() {
        MigrationResult r = run(new OperationFailedException("cannot drop the target database"));

        assertThat(undone).as("quiesce's undo scales the app back").contains("quiesce");
        assertThat(r.steps()).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.stepId()).isEqualTo("copy")));
        assertThat(r.steps()).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(StepResult.RolledBack.class,
                b -> assertThat(b.stepId()).isEqualTo("quiesce")));
    }

    @Test
    void anUndoThatRefusesAsUnsafeStopsTheRollback() {
        run(new RefusedException("the app wrote to the new home"));

        assertThat(undone).doesNotContain("quiesce");
    }

    @Test
    void aJournalThatCannotTakeTheFailureDoesNotStopTheRollback() {
        // As a ConfigMap journal refusing an error message that looks like it holds a password, or an API outage.
        Journal refusingFailures = refusing(state -> state.steps().stream()
                .anyMatch(r -> r.status() != StepStatus.RUNNING && r.status() != StepStatus.SUCCEEDED));
        MigrationPlan plan = MigrationPlan.builder("p").step(step("quiesce", null)).step(step("copy", null))
                .step(step("verify", null)).build();

        MigrationResult r = Migrator.builder().journal(refusingFailures).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build().execute(plan);

        assertThat(undone).as("the app is scaled back all the same").contains("copy", "quiesce");
        assertThat(r.succeeded()).isFalse();
    }

    @Test
    void aStepWhoseStartCannotBeJournaledDoesNotRunAndWhatRanIsPutBack() {
        List<String> ran = new ArrayList<>();
        Journal downBeforeCopy = refusing(state -> state.step("copy").map(r -> r.status() == StepStatus.RUNNING)
                .orElse(false));
        Step copy = new Step() {
            @Override
            public String id() {
                return "copy";
            }

            @Override
            public String title() {
                return "copy";
            }

            @Override
            public void run(StepContext context) {
                ran.add("copy");
            }
        };
        MigrationPlan plan = MigrationPlan.builder("p").step(step("quiesce", null)).step(copy).build();

        MigrationResult r = Migrator.builder().journal(downBeforeCopy).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build().execute(plan);

        assertThat(ran).as("no step runs without its journaled intent").isEmpty();
        assertThat(undone).containsExactly("quiesce");
        assertThat(r.steps()).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.cause()).hasMessageContaining("cannot journal the start of step 'copy'")));
    }

    /** A journal that refuses every write {@code refuses} matches, as one whose API server is down. */
    private static Journal refusing(java.util.function.Predicate<JournalState> refuses) {
        InMemoryJournal inner = new InMemoryJournal();
        return new Journal() {
            @Override
            public JournalState read(String plan) {
                return inner.read(plan);
            }

            @Override
            public void write(JournalState state) {
                if (refuses.test(state)) {
                    throw new IllegalStateException("the journal refuses this write");
                }
                inner.write(state);
            }
        };
    }

    /** What a kill -9 does to the Migrator: it stops where it is, nothing after runs. */
    private static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    @Test
    void aRerunAfterACrashMidRollbackFinishesTheRollbackInsteadOfCarryingOn() {
        List<String> ran = new ArrayList<>();
        boolean[] crash = {true};
        Step quiesce = step("quiesce", null);
        Step copy = new Step() {
            @Override
            public String id() {
                return "copy";
            }

            @Override
            public String title() {
                return "copy";
            }

            @Override
            public void run(StepContext context) {
                ran.add("copy");
            }

            @Override
            public boolean reversible() {
                return true;
            }

            @Override
            public void undo(StepContext context) {
                if (crash[0]) {
                    throw new Killed();
                }
                undone.add("copy");
            }
        };
        MigrationPlan plan = MigrationPlan.builder("p").step(quiesce).step(copy).step(step("verify", null)).build();
        Migrator migrator = Migrator.builder().journal(new FileJournal(dir)).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build();
        try {
            migrator.execute(plan);
        } catch (Killed expected) {
            // the process died in the middle of the rollback
        }
        crash[0] = false;

        MigrationResult rerun = migrator.execute(plan);

        assertThat(ran).as("the rerun did not copy again from a half-restored source").containsExactly("copy");
        assertThat(undone).as("verify before the crash, the rest after").containsExactly("verify", "copy", "quiesce");
        assertThat(rerun.succeeded()).isFalse();
        assertThat(rerun.steps()).last().isInstanceOfSatisfying(StepResult.Failed.class, f ->
                assertThat(f.cause()).hasMessageContaining("interrupted and has now been finished"));
        MigrationResult fresh = migrator.execute(plan);
        assertThat(ran).as("after that, migrate starts over").containsExactly("copy", "copy");
        assertThat(fresh.steps()).noneMatch(r -> r.stepId().equals("rollback") && r instanceof StepResult.Failed
                && ((StepResult.Failed) r).cause().getMessage().contains("interrupted"));
    }
}
