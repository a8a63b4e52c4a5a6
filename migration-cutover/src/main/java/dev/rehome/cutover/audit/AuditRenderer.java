package dev.rehome.cutover.audit;

import dev.rehome.core.audit.AuditReport;

/** Turns a report into the text one output format prints. */
public interface AuditRenderer {
    String render(AuditReport report);

    static AuditRenderer of(OutputFormat format) {
        return switch (format) {
            case TABLE -> new TableRenderer();
            case JSON -> new JsonRenderer();
            case MARKDOWN -> new MarkdownRenderer();
            case PROMETHEUS -> new PrometheusRenderer();
        };
    }
}
