package dev.rehome.fleet.report;

import dev.rehome.core.CopyResult;
import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.TableCopy;
import dev.rehome.core.report.RunSummary;
import dev.rehome.cutover.report.JsonRenderer.Sequence;
import dev.rehome.cutover.report.RecordJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --report-json} document of a run, as the CLI contract fixes it: {@code result}, {@code engine},
 * {@code durationMillis}, {@code tables[{name, sourceRows, targetRows, match}]},
 * {@code sequences[{name, source, target, match}]}, plus checksums, {@code findings}, {@code notices},
 * {@code checks}, the endpoints (never a password) and {@code error} when the run stopped. The run's facts
 * (endpoints, level) sit beside the fixed fields, so the root is a map; everything in it is a record. Stateless.
 */
public final class JsonReport {
    public String render(RunSummary run) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("result", run.result());
        root.put("command", run.command());
        root.put("engine", run.copy().map(CopyResult::engine).orElse(run.facts().getOrDefault("engine", "none")));
        root.put("durationMillis", run.duration().toMillis());
        new TreeMap<>(run.facts()).forEach(root::putIfAbsent);
        run.copy().ifPresent(c -> root.put("copy", new Copy(c.duration().toMillis(), c.tables().size())));
        root.put("checks", run.verification().checks());
        root.put("tables", run.verification().tables().isEmpty()
                ? run.copy().map(c -> c.tables().stream().map(CopiedTable::of).toList()).orElse(List.of())
                : run.verification().tables().stream().map(JsonReport::table).toList());
        root.put("sequences", run.verification().sequences().stream()
                .map(s -> new Sequence(s.name(), s.source(), s.target(), s.match())).toList());
        root.put("findings", run.verification().findings().stream().map(FindingLine::of).toList());
        root.put("notices", run.allNotices());
        run.error().ifPresent(e -> root.put("error", e));
        return RecordJson.render(root);
    }

    private static Object table(TableCheck t) {
        return t.sourceChecksum() == null && t.targetChecksum() == null
                ? new CountedTable(t.table(), t.sourceRows(), t.targetRows(), t.match())
                : new ChecksummedTable(t.table(), t.sourceRows(), t.targetRows(), t.match(), t.sourceChecksum(),
                t.targetChecksum());
    }

    record Copy(long durationMillis, int tables) {
    }

    record CountedTable(String name, long sourceRows, long targetRows, boolean match) {
    }

    record ChecksummedTable(String name, long sourceRows, long targetRows, boolean match, String sourceChecksum,
                            String targetChecksum) {
    }

    /** A table that was copied but not verified: its rows as the engine counted them, no match claimed. */
    record CopiedTable(String name, Long sourceRows, Long targetRows, Boolean match) {
        static CopiedTable of(TableCopy t) {
            return new CopiedTable(t.table().toString(), t.rows() >= 0 ? t.rows() : null, null, null);
        }
    }

    record FindingLine(String check, String object, String source, String target, String description) {
        static FindingLine of(Finding f) {
            return new FindingLine(f.check(), f.object(), f.source(), f.target(), f.describe());
        }
    }
}
