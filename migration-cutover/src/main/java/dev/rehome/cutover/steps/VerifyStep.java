package dev.rehome.cutover.steps;

import dev.rehome.core.Finding;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationFailedException;
import dev.rehome.core.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Holds the target to the fenced source: the content verifier (checksums, sequences, schema, ownership), the
 * invariants equal to those read at the fence, and the XID witness unchanged since the fence. A moved witness
 * with no foreign session left is explained by maintenance (autovacuum); the content check against the live
 * source then decides, and the report says so.
 */
public final class VerifyStep implements Step {
    private final Cutover cutover;

    public VerifyStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "verify";
    }

    @Override
    public String title() {
        return "Verify: content checksums, sequences, schema, ownership, invariants, no writes since the fence";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        List<String> out = new ArrayList<>();
        out.add("reads (both sides, read-only): per-table row counts and content checksums, sequences, schema "
                + "inventory, ownership");
        cutover.config().invariants().forEach(i -> out.add("SQL on target (read-only): " + i.sql()));
        out.add("SQL on source (read-only): XID witness, must equal the one taken at the fence");
        return out;
    }

    @Override
    public void run(StepContext ctx) {
        VerificationReport report = cutover.ports().verifier().verify(cutover.source(ctx), cutover.targetAdmin());
        List<Finding> invariantFindings = new ArrayList<>();
        Map<String, Long> target = InvariantReader.read(cutover.targetAdmin(), cutover.config().invariants());
        target.forEach((name, n) -> {
            ctx.putFact(Facts.INVARIANT_TARGET + name, String.valueOf(n));
            String before = ctx.requireFact(Facts.INVARIANT_BEFORE + name);
            if (!before.equals(String.valueOf(n))) {
                invariantFindings.add(new Finding("invariant", name, before, String.valueOf(n)));
            }
        });
        report = report.merge(VerificationReport.ofFindings("invariants", invariantFindings));
        record(ctx, report);
        if (!report.passed()) {
            throw new VerificationFailedException(report);
        }
        witness(ctx);
    }

    private void witness(StepContext ctx) {
        long fenced = Long.parseLong(ctx.requireFact(Facts.XID_FENCED));
        long now = Witnesses.sourceXid(cutover.source(ctx));
        ctx.putFact(Facts.XID_VERIFIED, String.valueOf(now));
        ctx.putFact(Facts.ROW_CHANGES_VERIFIED, String.valueOf(Witnesses.rowChanges(cutover.source(ctx))));
        if (now == fenced) {
            return;
        }
        long sessions = Witnesses.foreignBackends(cutover.source(ctx));
        if (sessions > 0) {
            throw new OperationFailedException("the source's transaction id moved from " + fenced + " to " + now
                    + " and " + sessions + " foreign session(s) are connected: something wrote during the copy");
        }
        String notice = "source XID moved " + fenced + " -> " + now + " with no client session (maintenance such as "
                + "autovacuum); the content verification against the fenced source passed";
        ctx.putFact(Facts.VERIFY_NOTICE, notice);
        ctx.listener().onNotice(notice);
    }

    private static void record(StepContext ctx, VerificationReport report) {
        ctx.putFact(Facts.VERIFY_CHECKS, String.join(",", report.checks()));
        ctx.putFact(Facts.VERIFY_TABLES, report.tables().stream().map(VerifyStep::encode).collect(Collectors.joining(";")));
        ctx.putFact(Facts.VERIFY_SEQUENCES, report.sequences().stream()
                .map(s -> s.name() + "|" + s.source() + "|" + s.target()).collect(Collectors.joining(";")));
        report.findings().forEach(f -> ctx.listener().onNotice("verification: " + f.describe()));
    }

    private static String encode(TableCheck t) {
        return t.table() + "|" + t.sourceRows() + "|" + t.targetRows() + "|" + (t.sourceChecksum() == null ? "" : t.sourceChecksum())
                + "|" + (t.targetChecksum() == null ? "" : t.targetChecksum());
    }
}
