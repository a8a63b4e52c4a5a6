package dev.rehome.cutover.steps;

import dev.rehome.core.cutover.Invariant;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records the source's invariants and XID while the app still runs: the picture before anything stops. The
 * values the copy is held to are read again once the source is fenced ({@link QuiesceStep}).
 */
public final class FingerprintStep implements Step {
    private final Cutover cutover;

    public FingerprintStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "fingerprint";
    }

    @Override
    public String title() {
        return "Fingerprint the source: invariants and transaction id";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        List<String> out = new ArrayList<>();
        for (Invariant inv : cutover.config().invariants()) {
            out.add("SQL on source (read-only): " + inv.sql() + "   -- invariant " + inv.name());
        }
        out.add("SQL on source (read-only): SELECT pg_snapshot_xmax(pg_current_snapshot())   -- XID witness");
        return out;
    }

    @Override
    public void run(StepContext ctx) {
        InvariantReader.read(cutover.source(), cutover.config().invariants())
                .forEach((name, n) -> ctx.putFact(Facts.INVARIANT_LIVE + name, String.valueOf(n)));
        ctx.putFact(Facts.XID_FINGERPRINT, String.valueOf(Witnesses.sourceXid(cutover.source())));
    }
}
