package dev.rehome.cutover.report;

import java.time.Duration;
import java.util.Map;

/** Renders a {@link CutoverReport} as GitHub-flavoured Markdown. Stateless. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(CutoverReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(r.title()).append("\n\n");
        md.append("**Result:** ").append(r.outcome()).append(" in ").append(seconds(r.duration())).append("\n\n");
        r.downtime().ifPresent(d -> md.append("**Downtime** (the app at 0 replicas): ")
                .append(d.measured().map(m -> seconds(m) + ", estimated " + seconds(d.estimated()) + " before the run")
                        .orElse("estimated " + seconds(d.estimated()) + "; not over yet")).append("\n\n"));
        md.append("## Steps\n\n| step | status | took | detail |\n|---|---|---|---|\n");
        r.steps().forEach(s -> md.append("| ").append(s.id()).append(" | ").append(s.status()).append(" | ")
                .append(seconds(s.duration())).append(" | ").append(cell(s.detail())).append(" |\n"));
        if (!r.invariants().isEmpty()) {
            md.append("\n## Invariants\n\n| invariant | before (source, fenced) | copied (target) | after (through the app's login) | |\n|---|---:|---:|---:|---|\n");
            r.invariants().forEach(i -> md.append("| ").append(i.name()).append(" | ").append(i.before()).append(" | ")
                    .append(i.copied()).append(" | ").append(i.after()).append(" | ")
                    .append(i.copied().isEmpty() ? "" : i.match() ? "=" : "**differs**").append(" |\n"));
        }
        if (!r.tables().isEmpty()) {
            md.append("\n## Verification\n\n| table | source rows | target rows | checksum | match |\n|---|---:|---:|---|---|\n");
            r.tables().forEach(t -> md.append("| ").append(t.table()).append(" | ").append(t.sourceRows()).append(" | ")
                    .append(t.targetRows()).append(" | ").append(t.checksumCompared() ? "compared" : "not compared")
                    .append(" | ").append(t.match() ? "yes" : "**NO**").append(" |\n"));
        }
        if (!r.sequences().isEmpty()) {
            md.append("\n| sequence | source | target | match |\n|---|---:|---:|---|\n");
            r.sequences().forEach(s -> md.append("| ").append(s.name()).append(" | ").append(s.source()).append(" | ")
                    .append(s.target()).append(" | ").append(s.match() ? "yes" : "**NO**").append(" |\n"));
        }
        if (!r.backup().isEmpty()) {
            md.append("\n## Backup coverage\n\n");
            for (Map.Entry<String, String> e : r.backup().entrySet()) {
                md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append("\n");
            }
        }
        r.restoreProof().ifPresent(p -> md.append("\n## Restore proof\n\n").append(String.format(java.util.Locale.ROOT,
                "- %s: database %s from backup %s, %,d rows compared, restored in %.1f s\n- %s\n", p.status(),
                p.database(), p.backup(), p.rowsCompared(), p.secondsToRestore(), p.detail())));
        if (!r.gitopsBranch().isEmpty()) {
            md.append("\n## GitOps change (committed, not pushed)\n\nBranch `").append(r.gitopsBranch())
                    .append("`: review, push and merge it so ArgoCD keeps the new setting.\n\n```diff\n")
                    .append(r.gitopsDiff()).append(r.gitopsDiff().endsWith("\n") ? "" : "\n").append("```\n");
        }
        if (!r.retire().isEmpty()) {
            md.append("\n## What `retire` will do\n\n");
            r.retire().forEach(l -> md.append("- ").append(l).append("\n"));
        }
        if (!r.notices().isEmpty()) {
            md.append("\n## Notes\n\n");
            r.notices().forEach(n -> md.append("- ").append(n.replace("\n", "\n  ")).append("\n"));
        }
        return md.toString();
    }

    static String seconds(Duration d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
