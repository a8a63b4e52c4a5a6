package dev.rehome.cutover.fleet;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.cutover.steps.Cutover;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Wraps the quiesce step so that every other workload using the database stops with the app: each Deployment or
 * StatefulSet is scaled to 0 and each CronJob suspended (waiting for its running Jobs) before the app's own
 * quiesce fences the source. The count before (a CronJob: 1, or 0 if already suspended) is journaled before the
 * change, so a run killed mid-step is undone exactly. Undo runs the app's undo, then puts the others back in
 * reverse order, each even when another fails.
 */
final class ConsumerQuiesce extends ExtendedStep {
    static final String REPLICAS_BEFORE = "replicas.before";

    private final Cutover cutover;
    private final List<Consumer> consumers;

    ConsumerQuiesce(Step quiesce, Cutover cutover, List<Consumer> consumers) {
        super(quiesce);
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.consumers = consumers.stream().filter(c -> !c.app()).toList();
    }

    @Override
    public String title() {
        return wrapped().title() + (consumers.isEmpty() ? "" : ", with " + consumers.size() + " other workload(s)");
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        List<String> out = new ArrayList<>();
        consumers.forEach(c -> out.add("changes: " + c.ref().describe() + (c.ref().kind() == WorkloadRef.Kind.CRON_JOB
                ? ": spec.suspend -> true, wait until none of its Jobs runs (refused, naming them, if one still runs at "
                + "the deadline)" : ": replicas -> 0, wait until no pod is left") + " (before journaled; undo: back to it)"));
        out.addAll(wrapped().plannedChanges(context));
        return out;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        var workloads = cutover.ports().workloads();
        for (Consumer c : consumers) {
            if (ctx.fact(c.fact(REPLICAS_BEFORE)).isEmpty()) {
                ctx.putFact(c.fact(REPLICAS_BEFORE), String.valueOf(workloads.replicas(c.ref())));
            }
            workloads.scale(c.ref(), 0, cutover.config().deadlines().scale());
        }
        wrapped().run(ctx);
    }

    @Override
    public void undo(StepContext ctx) throws Exception {
        Exception first = null;
        try {
            wrapped().undo(ctx);
        } catch (Exception e) {
            first = e;
        }
        // Like the app, the others go back up even when the fence could not be lifted.
        List<String> failed = new ArrayList<>();
        List<Consumer> reversed = new ArrayList<>(consumers);
        Collections.reverse(reversed);
        for (Consumer c : reversed) {
            try {
                ctx.fact(c.fact(REPLICAS_BEFORE)).ifPresent(n -> cutover.ports().workloads()
                        .scale(c.ref(), Integer.parseInt(n), cutover.config().deadlines().scale()));
            } catch (RuntimeException e) {
                failed.add(c.ref().describe() + ": " + e.getMessage());
            }
        }
        OperationFailedException others = failed.isEmpty() ? null
                : new OperationFailedException("could not put back " + failed + "; rollback is safe to repeat");
        if (first != null) {
            if (others != null) {
                first.addSuppressed(others);
            }
            throw first;
        }
        if (others != null) {
            throw others;
        }
    }
}
