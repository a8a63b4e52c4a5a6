package dev.rehome.basketball.cli;

import dev.rehome.basketball.PlanPreview;
import java.io.PrintStream;

/** Prints a {@link PlanPreview}: numbered steps, each change on its own line, then the preflight verdicts. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(PlanPreview preview, PrintStream out) {
        out.println("# Plan " + preview.plan());
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
    }
}
