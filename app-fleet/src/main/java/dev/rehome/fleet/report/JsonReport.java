package dev.rehome.fleet.report;

import dev.rehome.core.CopyResult;
import dev.rehome.core.Finding;
import dev.rehome.core.SequenceCheck;
import dev.rehome.core.TableCheck;
import dev.rehome.core.TableCopy;
import dev.rehome.core.report.RunSummary;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code --report-json} document of a run, as the CLI contract fixes it: {@code result}, {@code engine},
 * {@code durationMillis}, {@code tables[{name, sourceRows, targetRows, match}]},
 * {@code sequences[{name, source, target, match}]}, plus checksums, {@code findings}, {@code notices},
 * {@code checks}, the endpoints (never a password) and {@code error} when the run stopped. Thread-safe.
 */
public final class JsonReport {
    private final JsonMapper mapper = JsonMapper.builder().build();

    public ObjectNode toJson(RunSummary run) {
        ObjectNode root = mapper.createObjectNode();
        root.put("result", run.result());
        root.put("command", run.command());
        root.put("engine", run.copy().map(CopyResult::engine).orElse(run.facts().getOrDefault("engine", "none")));
        root.put("durationMillis", run.duration().toMillis());
        run.facts().forEach((k, v) -> {
            if (!root.has(k)) {
                root.put(k, v);
            }
        });
        run.copy().ifPresent(c -> root.putObject("copy").put("durationMillis", c.duration().toMillis())
                .put("tables", c.tables().size()));
        root.set("checks", strings(run.verification().checks()));
        ArrayNode tables = root.putArray("tables");
        if (!run.verification().tables().isEmpty()) {
            run.verification().tables().forEach(t -> tables.add(table(t)));
        } else {
            run.copy().ifPresent(c -> c.tables().forEach(t -> tables.add(copiedTable(t))));
        }
        ArrayNode sequences = root.putArray("sequences");
        run.verification().sequences().forEach(s -> sequences.add(sequence(s)));
        ArrayNode findings = root.putArray("findings");
        run.verification().findings().forEach(f -> findings.add(finding(f)));
        root.set("notices", strings(run.allNotices()));
        run.error().ifPresent(e -> root.put("error", e));
        return root;
    }

    public String render(RunSummary run) {
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(run));
    }

    private ObjectNode table(TableCheck t) {
        ObjectNode n = mapper.createObjectNode().put("name", t.table()).put("sourceRows", t.sourceRows())
                .put("targetRows", t.targetRows()).put("match", t.match());
        if (t.sourceChecksum() != null || t.targetChecksum() != null) {
            n.put("sourceChecksum", t.sourceChecksum()).put("targetChecksum", t.targetChecksum());
        }
        return n;
    }

    /** A table that was copied but not verified: its rows as the engine counted them, no match claimed. */
    private ObjectNode copiedTable(TableCopy t) {
        ObjectNode n = mapper.createObjectNode().put("name", t.table().toString());
        if (t.rows() >= 0) {
            n.put("sourceRows", t.rows());
        } else {
            n.putNull("sourceRows");
        }
        return n.putNull("targetRows").putNull("match");
    }

    private ObjectNode sequence(SequenceCheck s) {
        return mapper.createObjectNode().put("name", s.name()).put("source", s.source()).put("target", s.target())
                .put("match", s.match());
    }

    private ObjectNode finding(Finding f) {
        return mapper.createObjectNode().put("check", f.check()).put("object", f.object()).put("source", f.source())
                .put("target", f.target()).put("description", f.describe());
    }

    private ArrayNode strings(java.util.List<String> values) {
        ArrayNode a = mapper.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
