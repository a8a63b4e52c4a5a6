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
}
