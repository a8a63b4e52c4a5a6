package dev.rehome.cutover.fleet;

import dev.rehome.cutover.report.JsonRenderer.Downtime;
import dev.rehome.cutover.report.JsonRenderer.Invariant;
import dev.rehome.cutover.report.JsonRenderer.Table;
import dev.rehome.cutover.report.RecordJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link FleetReport} as JSON for {@code --report-json}: {@code result} ({@code passed} only when every
 * database moved), {@code exitCode}, {@code durationMillis}, {@code stoppedBy}, and per database its
 * {@code status} ({@code moved}, {@code rolled-back}, {@code refused}, {@code failed}), {@code reason} and, when
 * the plan ran, its tables, invariants, backup and downtime (estimated and measured; null when it did not).
 */
public final class FleetReportJson {
    private FleetReportJson() {
    }

    public static String render(FleetReport r) {
        return RecordJson.render(new Document(r.exitCode() == 0 ? "passed" : "failed", r.exitCode(),
                r.duration().toMillis(), r.stoppedBy().orElse(null), r.outcomes().stream().map(Database::of).toList()));
    }

    record Document(String result, int exitCode, long durationMillis, String stoppedBy, List<Database> databases) {
    }

    record Database(String database, String into, String status, String reason, List<Table> tables,
                    List<Invariant> invariants, Map<String, String> backup, Downtime downtime) {
        static Database of(MoveOutcome o) {
            String status = o.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return o.report().map(rep -> new Database(o.database(), o.target(), status, o.reason(), Table.of(rep),
                            Invariant.of(rep), new TreeMap<>(rep.backup()),
                            rep.downtime().map(Downtime::of).orElse(null)))
                    .orElseGet(() -> new Database(o.database(), o.target(), status, o.reason(), null, null, null,
                            null));
        }
    }
}
