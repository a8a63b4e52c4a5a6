package dev.rehome.core;

import java.util.List;

/**
 * One idempotent step of a {@link MigrationPlan}. The {@link Migrator} journals each step; a step that the journal
 * shows as done is skipped on a rerun, so {@link #run} only needs to be safe to repeat after a crash inside it.
 */
public interface Step {
    /** Stable id, used as the journal key: {@code provision}, {@code copy}, ... */
    String id();

    /** One line for people: "Copy basketball-api/postgres into pal-e-postgres/basketball". */
    String title();

    /**
     * What this step will read and change, one line each, naming kind/namespace/name, SQL statements or files.
     * Shown by {@code plan} and {@code --dry-run}; must not change anything.
     */
    default List<String> plannedChanges(StepContext context) {
        return List.of();
    }

    void run(StepContext context) throws Exception;

    /** Whether {@link #undo} can return the world to how it was before {@link #run}. */
    default boolean reversible() {
        return false;
    }

    /** Reverses {@link #run}; called in reverse order when a later step fails before the point of no return. */
    default void undo(StepContext context) throws Exception {
    }

    /**
     * Once this step has succeeded, a later failure no longer rolls back automatically (the app may have written
     * to the new home). The re-point step of a cutover is one.
     */
    default boolean pointOfNoReturn() {
        return false;
    }
}
