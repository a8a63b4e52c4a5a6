package dev.rehome.cutover.steps;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyLimits;
import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.util.List;
import java.util.Objects;

/**
 * Copies the fenced source into the target database with the chosen engine. A rerun never copies on top of an
 * earlier attempt: when the target already holds tables, our own (marked) database is dropped and recreated
 * first (reliability-facts rule 4: redo the data phase from clean).
 */
public final class CopyStep implements Step {
    private final Cutover cutover;

    public CopyStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "copy";
    }

    @Override
    public String title() {
        return "Copy " + cutover.sourceWorkload() + "/" + cutover.config().source().database() + " into "
                + cutover.targetLabel() + " (" + cutover.options().engine() + ")";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        return List.of("reads: every table, sequence and object of " + cutover.source().describe(),
                "changes: loads them into " + cutover.targetLabel() + " with engine " + cutover.options().engine()
                        + ", logged in as role " + cutover.config().target().role() + " (so it owns every object)",
                "changes on rerun: DROP DATABASE / CREATE DATABASE of the rehome-marked target first");
    }

    @Override
    public void run(StepContext ctx) {
        var t = cutover.config().target();
        CopyEngine engine = cutover.ports().engines().get(cutover.options().engine());
        if (TargetTables.count(cutover.targetAdmin()) > 0) {
            ctx.listener().onNotice("the target already holds tables from an earlier attempt; recreating it empty");
            cutover.ports().provisioner().recreate(t.role(), t.database(), cutover.marker());
        }
        // The load runs as the app's role, so every object is born owned by it: least privilege, and no
        // ownership rewrite afterwards (ALTER ... OWNER cannot move a serial column's sequence on its own).
        var asRole = cutover.ports().databases().targetAs(t.role(), new ProvisionStep(cutover).password(), t.database());
        // deadlines.copy bounds the whole copy; a stream that stops moving fails sooner, on the stall limit
        CopyOptions options = CopyOptions.ofDefaults()
                .withLimits(CopyLimits.ofDefaults().withDeadline(cutover.config().deadlines().copy()));
        CopyResult result = engine.copy(new CopyRequest(cutover.source(ctx), asRole, options), ctx.listener());
        result.notices().forEach(ctx.listener()::onNotice);
        ctx.putFact(Facts.COPY_ENGINE, result.engine());
        ctx.putFact(Facts.COPY_ROWS, String.valueOf(result.totalRows()));
        ctx.putFact(Facts.COPY_BYTES, String.valueOf(result.totalBytes()));
        ctx.putFact(Facts.COPY_MILLIS, String.valueOf(result.duration().toMillis()));
    }
}
