package dev.rehome.cutover.cli;

import dev.rehome.cutover.PlanPreview;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints a {@link PlanPreview}: numbered steps, each change on its own line, then the preflight verdicts. The
 * fleet CLI prints its derived plans with it too, so both read the same.
 */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static void print(PlanPreview preview, PrintStream out) {
        print(preview, List.of(), out);
    }

    /** With {@code derivedFrom}: how a planner found each name, printed before the steps. */
    public static void print(PlanPreview preview, List<String> derivedFrom, PrintStream out) {
        out.println("# Plan " + preview.plan());
        out.println();
        if (!derivedFrom.isEmpty()) {
            out.println("## Derived from the cluster");
            derivedFrom.forEach(n -> out.println("- " + n));
            out.println();
        }
        int n = 1;
        for (PlanPreview.Item item : preview.steps()) {
            out.println(n++ + ". " + item.title() + " [" + item.id() + "]"
                    + (item.pointOfNoReturn() ? " — POINT OF NO RETURN" : item.reversible() ? " — undone on failure" : ""));
            item.changes().forEach(c -> out.println("   - " + c));
        }
        out.println();
        out.println("## Preflight");
        preview.preflight().lines().forEach(l -> out.println("- " + l.replace("\n", "\n  ")));
        if (preview.preflight().refusals().isEmpty()) {
            out.println("- verdict: nothing blocks the migration");
        } else {
            preview.preflight().refusals().forEach(r -> out.println("- REFUSES: " + r));
        }
        out.flush();
    }
}
