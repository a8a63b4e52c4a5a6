package dev.rehome.core;

/** A step's state in the journal. */
public enum StepStatus {
    /** Started and not finished: a crash inside it; it runs again on resume. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK
}
