package dev.rehome.cutover.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link FleetReport} as JSON for {@code --report-json}: {@code result} ({@code passed} only when every
 * database moved), {@code exitCode}, {@code durationMillis}, {@code stoppedBy}, and per database its
 * {@code status} ({@code moved}, {@code rolled-back}, {@code refused}, {@code failed}), {@code reason} and, when
 * the plan ran, its tables and invariants.
 */
public final class FleetReportJson {
    private FleetReportJson() {
    }

    public static String render(FleetReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("result", r.exitCode() == 0 ? "passed" : "failed");
        root.put("exitCode", r.exitCode());
        root.put("durationMillis", r.duration().toMillis());
        root.put("stoppedBy", r.stoppedBy().orElse(null));
        List<Object> dbs = new ArrayList<>();
        for (MoveOutcome o : r.outcomes()) {
            Map<String, Object> db = new LinkedHashMap<>();
            db.put("database", o.database());
            db.put("into", o.target());
            db.put("status", o.status().name().toLowerCase().replace('_', '-'));
            db.put("reason", o.reason());
            o.report().ifPresent(rep -> {
                List<Object> tables = new ArrayList<>();
                rep.tables().forEach(t -> tables.add(Map.of("name", t.table(), "sourceRows", t.sourceRows(),
                        "targetRows", t.targetRows(), "match", t.match())));
                db.put("tables", tables);
                List<Object> invariants = new ArrayList<>();
                rep.invariants().forEach(i -> invariants.add(Map.of("name", i.name(), "before", i.before(),
                        "copied", i.copied(), "after", i.after(), "match", i.match())));
                db.put("invariants", invariants);
                db.put("backup", rep.backup());
            });
            dbs.add(db);
        }
        root.put("databases", dbs);
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
