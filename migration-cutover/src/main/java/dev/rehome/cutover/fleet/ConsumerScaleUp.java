package dev.rehome.cutover.fleet;

import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.cutover.steps.Cutover;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Wraps the scale-up step: once the app is up and healthy on its new home, every other workload quiesced with it
 * returns to the count journaled at quiesce, exactly (a CronJob suspended before stays suspended, a StatefulSet
 * at 0 stays at 0). Undo stops them again, before the app's undo, so the quiesce's undo finds them as it left them.
 */
final class ConsumerScaleUp extends ExtendedStep {
    private final Cutover cutover;
    private final List<Consumer> consumers;

    ConsumerScaleUp(Step scaleUp, Cutover cutover, List<Consumer> consumers) {
        super(scaleUp);
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.consumers = consumers.stream().filter(c -> !c.app()).toList();
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        List<String> out = new ArrayList<>(wrapped().plannedChanges(context));
        consumers.forEach(c -> out.add("changes: " + c.ref().describe() + (c.ref().kind() == WorkloadRef.Kind.CRON_JOB
                ? ": spec.suspend -> as recorded at quiesce" : ": replicas -> the count recorded at quiesce, wait ready")));
        return out;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        wrapped().run(ctx);
        for (Consumer c : consumers) {
            int before = Integer.parseInt(ctx.requireFact(c.fact(ConsumerQuiesce.REPLICAS_BEFORE)));
            cutover.ports().workloads().scale(c.ref(), before, cutover.config().deadlines().scale());
        }
    }

    @Override
    public void undo(StepContext ctx) throws Exception {
        List<Consumer> reversed = new ArrayList<>(consumers);
        Collections.reverse(reversed);
        for (Consumer c : reversed) {
            cutover.ports().workloads().scale(c.ref(), 0, cutover.config().deadlines().scale());
        }
        wrapped().undo(ctx);
    }
}
