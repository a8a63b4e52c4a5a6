package dev.rehome.fleet.cli;

import dev.rehome.cutover.PlanPreview;
import dev.rehome.cutover.cli.PlanPrinter;
import dev.rehome.cutover.fleet.FleetCutover;
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
