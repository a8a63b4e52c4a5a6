package dev.rehome.cutover;

import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.RunOptions;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.GitOpsChange;
import dev.rehome.cutover.gitops.GitOpsEditor;
import dev.rehome.cutover.steps.AppDrift;
import dev.rehome.cutover.steps.Facts;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.cutover.steps.LockStep;
import dev.rehome.cutover.steps.PreflightStep;
import dev.rehome.core.CopyProgress;
import dev.rehome.core.JournalState;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.MigrationPlan;
import dev.rehome.core.MigrationResult;
import dev.rehome.core.Migrator;
import dev.rehome.core.Step;
import dev.rehome.core.StopSignal;
import dev.rehome.core.StepContext;
import dev.rehome.core.StepResult;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.spi.Lock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs the cutover's commands: {@code migrate}, {@code rollback}, {@code retire}, {@code verify}, {@code status}
 * and the {@code plan} preview. Every changing command holds the lock for its whole run.
 *
 * <pre>{@code
 * CutoverRunner runner = new CutoverRunner(config, ports, RunOptions.defaults("me"), listener, clock);
 * CutoverOutcome outcome = runner.migrate();
 * }</pre>
 *
 * <p>Not thread-safe: one command at a time.
 */
public final class CutoverRunner {
    private final Cutover cutover;
    private final MigrationListener listener;
    private final Clock clock;
    private final UnaryOperator<Step> compose;
    private final UnaryOperator<Step> decorate;
    private final StopSignal stop;

    public CutoverRunner(CutoverConfig config, CutoverPorts ports, RunOptions options, MigrationListener listener,
                         Clock clock) {
        this(config, ports, options, listener, clock, UnaryOperator.identity());
    }

    /** With {@code decorate} wrapping every step: the hook tests use to kill a run after a chosen step. */
    public CutoverRunner(CutoverConfig config, CutoverPorts ports, RunOptions options, MigrationListener listener,
                         Clock clock, UnaryOperator<Step> decorate) {
        this(config, ports, options, listener, clock, decorate, new StopSignal());
    }

    /**
     * With {@code stop} checked before every step: once requested (SIGTERM, Ctrl-C), the run stops there and, before
     * the point of no return, rolls back, so the app is on its old database when the process ends.
     */
    public CutoverRunner(CutoverConfig config, CutoverPorts ports, RunOptions options, MigrationListener listener,
                         Clock clock, UnaryOperator<Step> decorate, StopSignal stop) {
        this(config, ports, options, listener, clock, UnaryOperator.identity(), decorate, stop);
    }

    /**
     * With {@code compose} wrapping every step into the plan a caller runs (the fleet re-points other workloads
     * with the app), which the preview shows too, and {@code decorate} wrapping the composed steps of a run only.
     */
    public CutoverRunner(CutoverConfig config, CutoverPorts ports, RunOptions options, MigrationListener listener,
                         Clock clock, UnaryOperator<Step> compose, UnaryOperator<Step> decorate, StopSignal stop) {
        this.cutover = new Cutover(config, ports, options);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.compose = Objects.requireNonNull(compose, "compose");
        Objects.requireNonNull(decorate, "decorate");
        this.decorate = s -> decorate.apply(this.compose.apply(s));
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    public Cutover cutover() {
        return cutover;
    }

    /**
     * Runs the cutover. When the app does not turn healthy on its new home and nothing was written there yet, the
     * cutover is rolled back by itself: the app returns to its old database as it was. With writes on the new home,
     * it stays there (rolling back would lose them) and the failure is reported.
     */
    public CutoverOutcome migrate() {
        CutoverOutcome outcome = underLock(sink -> CutoverPlanner.migration(cutover, () -> true, sink, decorate),
                (migrator, plan) -> migrator.execute(plan), Facts.GITOPS_BRANCH);
        if (!unhealthyOnTheNewHome(outcome.result()) || !newHomeUntouched()) {
            return outcome;
        }
        listener.onNotice("the app did not turn healthy on its new home, which has taken no writes: rolling back, "
                + "so the app runs on its old database as before");
        CutoverOutcome back = rollback();
        List<StepResult> steps = new ArrayList<>(outcome.result().steps());
        steps.addAll(back.result().steps());
        List<String> notices = new ArrayList<>(outcome.notices());
        notices.addAll(back.notices());
        return new CutoverOutcome(new MigrationResult(outcome.result().plan(), steps, back.result().facts(),
                outcome.result().duration().plus(back.result().duration())), outcome.gitops(), notices);
    }

    private static boolean unhealthyOnTheNewHome(MigrationResult result) {
        List<StepResult> steps = result.steps();
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof StepResult.Failed f
                && f.stepId().equals("scale-up");
    }

    /** The fenced source still equals the target: the app wrote nothing to its new home. */
    private boolean newHomeUntouched() {
        try {
            return cutover.ports().verifier().verify(cutover.source(status().facts(), clock), cutover.targetAdmin()).passed();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public CutoverOutcome rollback() {
        return underLock(sink -> CutoverPlanner.migration(cutover, () -> true, sink, decorate),
                (migrator, plan) -> migrator.rollback(plan), null);
    }

    public CutoverOutcome retire() {
        return underLock(sink -> CutoverPlanner.retirement(cutover, this::status, sink),
                (migrator, plan) -> migrator.execute(plan), null);
    }

    public JournalState status() {
        return cutover.ports().journal().read(cutover.config().planName());
    }

    public JournalState retireStatus() {
        return cutover.ports().journal().read(cutover.config().planName() + ":retire");
    }

    /**
     * Catalogue case X-2 before retire: once the journal shows the app re-pointed (and not retired), whether it still
     * reads the new home; empty before the cutover, after a rollback of the re-point, and once retired.
     */
    public Optional<String> drift() {
        return cutOver() ? new AppDrift(cutover).find() : Optional.empty();
    }

    /** Whether {@link #drift()} has anything to check: the app was re-pointed and the old database not retired. */
    public boolean cutOver() {
        return status().succeeded("repoint") && !retireStatus().succeeded("retire");
    }

    /** The content verification of source against target, with nothing changed. */
    public VerificationReport verify() {
        return cutover.ports().verifier().verify(cutover.source(status().facts(), clock), cutover.targetAdmin());
    }

    /** Every step with what it would change, and the preflight verdicts; changes nothing. */
    public PlanPreview preview() {
        MigrationPlan plan = CutoverPlanner.migration(cutover, () -> true, this::noop, compose);
        StepContext ctx = new StepContext(MigrationListener.NONE, clock, status().facts(), () -> { });
        List<PlanPreview.Item> items = new ArrayList<>();
        for (Step s : plan.steps()) {
            items.add(new PlanPreview.Item(s.id(), s.title(), s.plannedChanges(ctx), s.reversible(), s.pointOfNoReturn()));
        }
        MigrationPlan retire = CutoverPlanner.retirement(cutover, this::status, this::noop);
        Step r = retire.steps().get(0);
        items.add(new PlanPreview.Item(r.id(), r.title() + " (separate command: retire)", r.plannedChanges(ctx), false, false));
        PreflightStep.PreflightReport preflight = new PreflightStep(cutover).inspect(clock);
        return new PlanPreview(plan.name(), items, preflight);
    }

    private interface Command {
        MigrationResult run(Migrator migrator, MigrationPlan plan);
    }

    private interface PlanFactory {
        MigrationPlan create(Consumer<GitOpsChange> gitopsSink);
    }

    /** Runs {@code command} holding the lock; the lock step of the plan checks that it is held. */
    private CutoverOutcome underLock(PlanFactory plans, Command command, String gitopsFact) {
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<GitOpsChange> gitops = new AtomicReference<>();
        MigrationListener recording = new MigrationListener() {
            @Override
            public void onStepStarted(Step step) {
                listener.onStepStarted(step);
            }

            @Override
            public void onStepFinished(Step step, StepResult result) {
                listener.onStepFinished(step, result);
            }

            @Override
            public void onCopyProgress(CopyProgress progress) {
                listener.onCopyProgress(progress);
            }

            @Override
            public void onNotice(String message) {
                notices.add(message);
                listener.onNotice(message);
            }
        };
        Lock lock = cutover.ports().lock();
        String holder = cutover.options().holder();
        try (Lock.Handle source = lock.acquire(LockStep.sourceLockName(cutover), holder, cutover.options().lockTtl());
             Lock.Handle target = lock.acquire(LockStep.lockName(cutover), holder, cutover.options().lockTtl())) {
            Migrator migrator = Migrator.builder().journal(cutover.ports().journal()).listener(recording).clock(clock)
                    .safePoint(() -> {
                        stop.check();
                        source.ensureHeld();
                        target.ensureHeld();
                    }).build();
            MigrationPlan plan = plans.create(gitops::set);
            MigrationResult result = command.run(migrator, plan);
            Optional<GitOpsChange> change = Optional.ofNullable(gitops.get());
            if (change.isEmpty() && gitopsFact != null && result.facts().containsKey(gitopsFact)) {
                change = committedChange();
            }
            return new CutoverOutcome(result, change, notices);
        }
    }

    /** A change committed in an earlier run, read back from the checkout so a resumed run still reports it. */
    private Optional<GitOpsChange> committedChange() {
        return cutover.options().gitopsDir().map(dir -> new GitOpsEditor(dir, cutover.config()).repoint());
    }

    private void noop(GitOpsChange change) {
        // the preview commits nothing
    }
}
