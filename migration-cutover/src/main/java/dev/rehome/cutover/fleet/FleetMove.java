package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.cutover.CutoverRunner;
import dev.rehome.cutover.PlanPreview;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.cutover.report.CutoverReport;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.core.MigrationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Step;
import dev.rehome.core.StopSignal;
import dev.rehome.core.StepResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Runs one derived cutover with the basketball plan and says how it ended. The only change to the plan is
 * composition: host-style apps get their companion vars re-pointed too ({@link CompanionRepoint}), and every
 * other workload using the database is quiesced, re-pointed and brought back with the app
 * ({@link ConsumerQuiesce}, {@link ConsumerRepoint}, {@link ConsumerScaleUp}). A refusal
 * before any step past preflight (which only sets the PV to Retain) and the lock succeeded is {@code REFUSED}.
 * Not thread-safe; one instance per database.
 */
public final class FleetMove {
    private final FleetCutover cutover;
    private final CutoverRunner runner;
    private final ConsumerEnv consumerEnv;

    /** {@code decorate} wraps every step (after the fleet's own wrapping): the hook tests use to inject failures. */
    public FleetMove(FleetCutover cutover, CutoverPorts ports, RunOptions options, MigrationListener listener,
                     Clock clock, UnaryOperator<Step> decorate) {
        this(cutover, ports, options, listener, clock, decorate, new StopSignal());
    }

    /** With {@code stop} checked before every step: once requested the move stops there and rolls back. */
    public FleetMove(FleetCutover cutover, CutoverPorts ports, RunOptions options, MigrationListener listener,
                     Clock clock, UnaryOperator<Step> decorate, StopSignal stop) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        Cutover shared = new Cutover(cutover.config(), ports, options);
        List<Consumer> consumers = cutover.consumers();
        this.consumerEnv = new ConsumerEnv(shared, cutover.app(), consumers);
        UnaryOperator<Step> compose = s -> switch (s.id()) {
            case "quiesce" -> new ConsumerQuiesce(s, shared, consumers);
            case "repoint" -> new ConsumerRepoint(cutover.app().style() == AppReference.Style.HOST
                    ? new CompanionRepoint(s, shared, cutover.app()) : s, shared, consumerEnv);
            case "scale-up" -> new ConsumerScaleUp(s, shared, consumers);
            default -> s;
        };
        this.runner = new CutoverRunner(cutover.config(), ports, options, listener, clock, compose, decorate, stop);
    }

    public PlanPreview preview() {
        return runner.preview();
    }

    public CutoverRunner runner() {
        return runner;
    }

    public MoveOutcome migrate() {
        CutoverOutcome outcome = runner.migrate();
        List<String> retire = runner.preview().steps().stream().filter(i -> i.id().equals("retire")).findFirst()
                .map(PlanPreview.Item::changes).orElse(List.of());
        return classify(outcome, CutoverReport.of(cutover.config(), outcome, retire));
    }

    public MoveOutcome retire() {
        CutoverOutcome outcome = runner.retire();
        if (outcome.result().steps().stream().noneMatch(r -> r instanceof StepResult.Failed)) {
            // The other workloads' old URLs (passwords and all) kept for a rollback that can no longer happen.
            consumerEnv.forgetBeforeImages(runner.status().facts());
        }
        return classify(outcome, CutoverReport.of(cutover.config(), outcome, List.of()));
    }

    MoveOutcome classify(CutoverOutcome outcome, CutoverReport report) {
        String db = cutover.name();
        String target = cutover.config().target().namespace() + "/" + cutover.config().target().cluster() + "/"
                + cutover.config().target().database();
        List<StepResult.Failed> failures = outcome.result().steps().stream()
                .filter(r -> r instanceof StepResult.Failed).map(r -> (StepResult.Failed) r).toList();
        if (failures.isEmpty()) {
            return new MoveOutcome(db, target, MoveStatus.MOVED, "", 0, Optional.of(report));
        }
        StepResult.Failed first = failures.get(0);
        Throwable cause = first.cause();
        String why = first.stepId() + ": " + oneLine(cause);
        int code = cause instanceof MigrationException m ? m.errorCode().exitCode() : 5;
        boolean undoFailed = failures.size() > 1;
        boolean pastNoReturn = outcome.result().facts().containsKey("cutover.at") && outcome.result().steps().stream()
                .noneMatch(r -> r instanceof StepResult.RolledBack && r.stepId().equals("repoint"));
        if (undoFailed || pastNoReturn) {
            String state = undoFailed ? "; undo of " + failures.get(1).stepId() + " failed: " + oneLine(failures.get(1).cause())
                    : "; the app already points at the new home";
            return new MoveOutcome(db, target, MoveStatus.FAILED, why + state, 5, Optional.of(report));
        }
        boolean changedNothing = outcome.result().steps().stream().filter(r -> r instanceof StepResult.Succeeded)
                .allMatch(r -> r.stepId().equals("preflight") || r.stepId().equals("lock"));
        if (cause instanceof RefusedException && changedNothing) {
            return new MoveOutcome(db, target, MoveStatus.REFUSED, why, code, Optional.of(report));
        }
        return new MoveOutcome(db, target, MoveStatus.ROLLED_BACK, why + "; the app is back on its old database",
                code == 1 ? 1 : 5, Optional.of(report));
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
