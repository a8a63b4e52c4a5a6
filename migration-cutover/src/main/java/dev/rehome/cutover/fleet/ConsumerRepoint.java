package dev.rehome.cutover.fleet;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.cutover.steps.Cutover;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Wraps the re-point step so that every other workload's env var that names the database is pointed at the same
 * connection Secret as the app's: a URL var at the key holding the URL, a host var at {@code host} and its
 * companions at {@code username}, {@code password}, {@code port}, {@code dbname}. Each before-image is journaled
 * before its change. Undo runs the app's undo first (it refuses once the target took writes, and then everything
 * stays on the new home), then restores the others' vars in reverse order.
 */
final class ConsumerRepoint extends ExtendedStep {
    private final Cutover cutover;
    private final ConsumerEnv env;

    ConsumerRepoint(Step repoint, Cutover cutover, ConsumerEnv env) {
        super(repoint);
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        List<String> out = new ArrayList<>(wrapped().plannedChanges(context));
        String secret = cutover.config().app().connectionSecret();
        env.targets().forEach(t -> out.add("changes: " + t.consumer().ref().describe() + " container " + t.container()
                + ": env " + t.var() + " -> valueFrom.secretKeyRef " + secret + "/" + t.key()
                + " (before-image journaled; undo restores it)"));
        return out;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        wrapped().run(ctx);
        var a = cutover.config().app();
        List<ConsumerEnv.Target> targets = env.targets();
        if (targets.stream().anyMatch(t -> !t.key().equals(a.connectionSecretKey()))) {
            new ConnectionSecretParts(cutover.ports().secrets()).add(a.namespace(), a.connectionSecret(),
                    a.connectionSecretKey());
        }
        var workloads = cutover.ports().workloads();
        for (ConsumerEnv.Target t : targets) {
            if (ctx.fact(t.fact()).isEmpty()) {
                ctx.putFact(t.fact(), workloads.captureEnv(t.consumer().ref(), t.container(), t.var()));
            }
            workloads.pointEnvAtSecret(t.consumer().ref(), t.container(), t.var(), a.connectionSecret(), t.key());
        }
    }

    @Override
    public void undo(StepContext ctx) throws Exception {
        wrapped().undo(ctx);
        List<ConsumerEnv.Target> reversed = new ArrayList<>(env.targets());
        Collections.reverse(reversed);
        List<String> failed = new ArrayList<>();
        for (ConsumerEnv.Target t : reversed) {
            try {
                ctx.fact(t.fact()).ifPresent(before -> cutover.ports().workloads()
                        .restoreEnv(t.consumer().ref(), t.container(), t.var(), before));
            } catch (RuntimeException e) {
                failed.add(t.consumer().ref().describe() + " env " + t.var() + ": " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new OperationFailedException("could not restore " + failed + "; rollback is safe to repeat");
        }
    }
}
