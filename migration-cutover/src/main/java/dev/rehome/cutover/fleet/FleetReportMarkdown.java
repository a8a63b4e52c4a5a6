package dev.rehome.cutover.fleet;

import dev.rehome.cutover.report.MarkdownRenderer;
import java.util.Locale;

/** Renders a {@link FleetReport} as Markdown: the summary table first, then each database's cutover report. */
public final class FleetReportMarkdown {
    private FleetReportMarkdown() {
    }

    public static String render(FleetReport r) {
        StringBuilder md = new StringBuilder("# rehome fleet run\n\n");
        md.append(String.format(Locale.ROOT, "**%d database(s):** %d moved and verified, %d rolled back, %d refused, "
                        + "%d failed, in %.1fs\n\n", r.outcomes().size(), r.count(MoveStatus.MOVED),
                r.count(MoveStatus.ROLLED_BACK), r.count(MoveStatus.REFUSED), r.count(MoveStatus.FAILED),
                r.duration().toMillis() / 1000.0));
        r.stoppedBy().ifPresent(s -> md.append("**The run stopped** after ").append(s)
                .append(" failed without a clean rollback: look at it before moving anything else.\n\n"));
        md.append("| database | into | result | why |\n|---|---|---|---|\n");
        r.outcomes().forEach(o -> md.append("| ").append(o.database()).append(" | ").append(o.target()).append(" | ")
                .append(o.status().label()).append(" | ").append(cell(o.reason())).append(" |\n"));
        for (MoveOutcome o : r.outcomes()) {
            o.report().ifPresent(rep -> md.append("\n---\n\n").append(MarkdownRenderer.render(rep).replaceAll("(?m)^#", "##")));
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
