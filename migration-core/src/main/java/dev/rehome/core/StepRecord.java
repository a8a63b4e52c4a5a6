package dev.rehome.core;

import java.time.Instant;
import java.util.Objects;

/** One journal line: a step's status, when it was reached and, for failures, a one-line reason (no secrets). */
public record StepRecord(String stepId, StepStatus status, Instant at, String detail) {
    public StepRecord {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }
}
