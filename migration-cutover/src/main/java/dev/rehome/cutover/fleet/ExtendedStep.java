package dev.rehome.cutover.fleet;

import dev.rehome.core.Step;
import java.util.Objects;

/**
 * A step of the shared cutover plan with more done around it for the fleet (companion vars, other consumers): it
 * keeps the wrapped step's id, title and undo rules, so the journal and the point of no return stay the plan's.
 */
abstract class ExtendedStep implements Step {
    private final Step wrapped;

    protected ExtendedStep(Step wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    protected final Step wrapped() {
        return wrapped;
    }

    @Override
    public String id() {
        return wrapped.id();
    }

    @Override
    public String title() {
        return wrapped.title();
    }

    @Override
    public boolean reversible() {
        return wrapped.reversible();
    }

    @Override
    public boolean pointOfNoReturn() {
        return wrapped.pointOfNoReturn();
    }
}
