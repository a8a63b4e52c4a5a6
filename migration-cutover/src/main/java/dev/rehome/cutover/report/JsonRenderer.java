package dev.rehome.cutover.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link CutoverReport} as JSON for {@code --report-json}, with the contract's fields ({@code result},
 * {@code engine}, {@code durationMillis}, {@code tables}, {@code sequences}) plus the cutover's own. Stateless.
 */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    public static String render(CutoverReport r, String engine) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("result", r.succeeded() ? "passed" : "failed");
        root.put("outcome", r.outcome());
        root.put("engine", engine);
        root.put("durationMillis", r.duration().toMillis());
        List<Object> tables = new ArrayList<>();
        r.tables().forEach(t -> tables.add(Map.of("name", t.table(), "sourceRows", t.sourceRows(), "targetRows",
                t.targetRows(), "match", t.match())));
        root.put("tables", tables);
        List<Object> sequences = new ArrayList<>();
        r.sequences().forEach(s -> sequences.add(Map.of("name", s.name(), "source", s.source(), "target", s.target(),
                "match", s.match())));
        root.put("sequences", sequences);
        List<Object> invariants = new ArrayList<>();
        r.invariants().forEach(i -> invariants.add(Map.of("name", i.name(), "before", i.before(), "copied", i.copied(),
                "after", i.after(), "match", i.match())));
        root.put("invariants", invariants);
        List<Object> steps = new ArrayList<>();
        r.steps().forEach(s -> steps.add(Map.of("id", s.id(), "status", s.status(), "durationMillis",
                s.duration() == null ? 0 : s.duration().toMillis(), "detail", s.detail())));
        root.put("steps", steps);
        root.put("backup", r.backup());
        root.put("restoreProof", r.restoreProof().map(p -> Map.of("status", p.status(), "database", p.database(),
                "backup", p.backup(), "rowsCompared", p.rowsCompared(), "secondsToRestore", p.secondsToRestore(),
                "detail", p.detail())).orElse(null));
        root.put("gitopsBranch", r.gitopsBranch());
        root.put("retire", r.retire());
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
