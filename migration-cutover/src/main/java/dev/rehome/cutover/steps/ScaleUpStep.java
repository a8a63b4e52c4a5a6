package dev.rehome.cutover.steps;

import dev.rehome.core.Finding;
import dev.rehome.core.Secret;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.VerificationFailedException;
import dev.rehome.core.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings the app back on its new home: the replica count it had, every pod ready, {@code GET /health} 200, and
 * the invariants read again through the app's own login on the target.
 */
public final class ScaleUpStep implements Step {
    private final Cutover cutover;

    public ScaleUpStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "scale-up";
    }

    @Override
    public String title() {
        return "Scale " + cutover.app() + " up, wait for readiness and GET " + cutover.config().app().healthUrl();
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        return List.of("changes: Deployment " + cutover.app() + ": replicas -> the count recorded at quiesce, wait ready",
                "reads: GET " + cutover.config().app().healthUrl() + " must answer 200",
                "reads: the invariants on the target logged in as role " + cutover.config().target().role());
    }

    @Override
    public void run(StepContext ctx) {
        int replicas = Math.max(1, Integer.parseInt(ctx.fact(Facts.REPLICAS_BEFORE).orElse("1")));
        cutover.ports().workloads().scale(cutover.app(), replicas, cutover.config().deadlines().scale());
        cutover.ports().health().awaitHealthy(cutover.config().app().healthUrl(), cutover.config().deadlines().health());
        if (ctx.fact(Facts.APP_UP_AT).isEmpty()) {
            ctx.putFact(Facts.APP_UP_AT, ctx.clock().instant().toString());
        }
        Secret password = new ProvisionStep(cutover).password();
        var t = cutover.config().target();
        Map<String, Long> after = InvariantReader.read(cutover.ports().databases().targetAs(t.role(), password,
                t.database()), cutover.config().invariants());
        List<Finding> findings = new ArrayList<>();
        after.forEach((name, n) -> {
            ctx.putFact(Facts.INVARIANT_AFTER + name, String.valueOf(n));
            String before = ctx.requireFact(Facts.INVARIANT_BEFORE + name);
            if (!before.equals(String.valueOf(n))) {
                findings.add(new Finding("invariant", name + " (through the new home)", before, String.valueOf(n)));
            }
        });
        if (!findings.isEmpty()) {
            throw new VerificationFailedException(VerificationReport.ofFindings("invariants-after", findings));
        }
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void undo(StepContext ctx) {
        cutover.ports().workloads().scale(cutover.app(), 0, cutover.config().deadlines().scale());
    }
}
