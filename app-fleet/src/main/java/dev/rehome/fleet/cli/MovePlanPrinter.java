package dev.rehome.fleet.cli;

import dev.rehome.basketball.PlanPreview;
import dev.rehome.basketball.cli.PlanPrinter;
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
        PlanPrinter.print(preview, cutover.notes(), out);
    }
}
