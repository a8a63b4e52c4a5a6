package dev.rehome.cutover.steps;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stops every writer: scales the app to 0 and waits, then fences the source database (REVOKE CONNECT from PUBLIC
 * and the app role, terminate other sessions, assert none remain) and takes the XID witness and the invariants
 * the copy is held to. Undo lifts the fence and restores the replica count recorded before.
 */
public final class QuiesceStep implements Step {
    private final Cutover cutover;

    public QuiesceStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "quiesce";
    }

    @Override
    public String title() {
        return "Quiesce: scale " + cutover.app() + " to 0 and fence the source";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        List<String> out = new ArrayList<>();
        out.add("changes: Deployment " + cutover.app() + ": replicas -> 0, wait until no pod is left (undo: back to "
                + "the recorded count)");
        String db = cutover.config().source().database();
        SourceFence.statements(db, cutover.ports().databases().sourceAppRole())
                .forEach(s -> out.add("SQL on source: " + s));
        out.add("SQL on source (read-only): count client sessions (must be 0), XID witness, invariants");
        SourceFence.liftStatements(db, cutover.ports().databases().sourceAppRole())
                .forEach(s -> out.add("undo SQL on source: " + s));
        return out;
    }

    @Override
    public void run(StepContext ctx) {
        var workloads = cutover.ports().workloads();
        if (ctx.fact(Facts.REPLICAS_BEFORE).isEmpty()) {
            ctx.putFact(Facts.REPLICAS_BEFORE, String.valueOf(workloads.replicas(cutover.app())));
        }
        workloads.scale(cutover.app(), 0, cutover.config().deadlines().scale());
        ctx.putFact(Facts.FENCED, "true");
        SourceFence.apply(cutover.source(), cutover.ports().databases().sourceAppRole());
        ctx.putFact(Facts.XID_FENCED, String.valueOf(Witnesses.sourceXid(cutover.source())));
        InvariantReader.read(cutover.source(), cutover.config().invariants())
                .forEach((name, n) -> ctx.putFact(Facts.INVARIANT_BEFORE + name, String.valueOf(n)));
        ctx.listener().onNotice("source fenced at XID " + ctx.requireFact(Facts.XID_FENCED) + "; app scaled to 0");
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void undo(StepContext ctx) {
        RuntimeException liftFailed = null;
        if (ctx.fact(Facts.FENCED).isPresent()) {
            try {
                SourceFence.lift(cutover.source(), cutover.ports().databases().sourceAppRole());
            } catch (RuntimeException e) {
                liftFailed = e;
            }
        }
        // The app goes back up even when the fence could not be lifted: a running app that reports its database
        // refused it is found and fixed in minutes; an app left at 0 replicas is an outage nobody was told of.
        ctx.fact(Facts.REPLICAS_BEFORE).ifPresent(n -> cutover.ports().workloads()
                .scale(cutover.app(), Integer.parseInt(n), cutover.config().deadlines().scale()));
        if (liftFailed != null) {
            throw new OperationFailedException("the app is scaled back to " + ctx.fact(Facts.REPLICAS_BEFORE).orElse("?")
                    + " but the source fence could not be lifted: " + liftFailed.getMessage() + "; lift it by hand: "
                    + String.join(" ", SourceFence.liftStatements(cutover.config().source().database(),
                    cutover.ports().databases().sourceAppRole())), liftFailed);
        }
    }
}
