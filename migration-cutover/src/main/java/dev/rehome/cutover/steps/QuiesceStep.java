package dev.rehome.cutover.steps;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.jdbc.fence.LiftReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stops every writer: scales the app to 0 and waits, then fences the source database with the strongest fence the
 * held logins allow ({@link FencedSource}: NOLOGIN on the app role, REVOKE CONNECT, or a rotated password, every
 * other client session ended and the fence proven), and takes the XID witness and the invariants the copy is held
 * to, through the login the fence leaves rehome. Undo lifts the fence and restores the replica count recorded
 * before, and the app goes back up even when the lift fails.
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
        List<String> fence;
        try {
            fence = new FencedSource(cutover, context.clock()).describe(context.facts());
        } catch (RuntimeException e) {
            fence = List.of("chosen at run time from the logins held (cannot inspect them now: " + e.getMessage() + ")");
        }
        fence.forEach(s -> out.add("fence on source: " + s));
        out.add("SQL on source (read-only): prove the fence (the app's login refused, rehome's accepted), XID witness,"
                + " invariants");
        out.add("undo: lift every fence action, from the journal, repeatable");
        return out;
    }

    @Override
    public void run(StepContext ctx) {
        var workloads = cutover.ports().workloads();
        if (ctx.fact(Facts.REPLICAS_BEFORE).isEmpty()) {
            ctx.putFact(Facts.REPLICAS_BEFORE, String.valueOf(workloads.replicas(cutover.app())));
        }
        // Kept from the first attempt: a rerun after a crash continues the same outage, it does not start one.
        if (ctx.fact(Facts.APP_DOWN_AT).isEmpty()) {
            ctx.putFact(Facts.APP_DOWN_AT, ctx.clock().instant().toString());
        }
        workloads.scale(cutover.app(), 0, cutover.config().deadlines().scale());
        ctx.putFact(Facts.FENCED, "true");
        new FencedSource(cutover, ctx.clock()).apply(ctx);
        var session = cutover.source(ctx);
        ctx.putFact(Facts.XID_FENCED, String.valueOf(Witnesses.sourceXid(session)));
        InvariantReader.read(session, cutover.config().invariants())
                .forEach((name, n) -> ctx.putFact(Facts.INVARIANT_BEFORE + name, String.valueOf(n)));
        ctx.listener().onNotice("source fenced at XID " + ctx.requireFact(Facts.XID_FENCED) + "; app scaled to 0");
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void undo(StepContext ctx) {
        String liftFailed = null;
        RuntimeException cause = null;
        try {
            LiftReport report = new FencedSource(cutover, ctx.clock()).lift(ctx);
            if (!report.complete()) {
                liftFailed = report.failures().toString();
            }
        } catch (RuntimeException e) {
            liftFailed = e.getMessage();
            cause = e;
        }
        // The app goes back up even when the fence could not be lifted: a running app that reports its database
        // refused it is found and fixed in minutes; an app left at 0 replicas is an outage nobody was told of.
        ctx.fact(Facts.REPLICAS_BEFORE).ifPresent(n -> cutover.ports().workloads()
                .scale(cutover.app(), Integer.parseInt(n), cutover.config().deadlines().scale()));
        if (liftFailed != null) {
            throw new OperationFailedException("the app is scaled back to " + ctx.fact(Facts.REPLICAS_BEFORE).orElse("?")
                    + " but the source fence could not be lifted: " + liftFailed + "; the lift is safe to repeat:"
                    + " run rollback again once the source is reachable", cause);
        }
    }
}
