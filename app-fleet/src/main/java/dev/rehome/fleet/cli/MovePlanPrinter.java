package dev.rehome.fleet.cli;

import dev.rehome.basketball.PlanPreview;
import dev.rehome.fleet.move.FleetCutover;
import java.io.PrintStream;

/**
 * Prints a derived plan: what was discovered, then the steps and preflight verdicts in the same format as
 * {@code rehome-basketball plan}.
 */
final class MovePlanPrinter {
    private MovePlanPrinter() {
    }

    static void print(FleetCutover cutover, PlanPreview preview, PrintStream out) {
        out.println("# Plan " + preview.plan());
        out.println();
        out.println("## Derived from the cluster");
        cutover.notes().forEach(n -> out.println("- " + n));
        out.println();
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
