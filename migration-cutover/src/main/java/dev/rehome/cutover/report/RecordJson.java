package dev.rehome.cutover.report;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records as JSON for {@code -o json}: a plan preview, a journal's state, a verification report. Jackson writes a
 * record's components as its fields, so the JSON follows the types without a writer built node by node. Stateless.
 */
public final class RecordJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RecordJson() {
    }

    /** {@code value} pretty-printed, with a final newline. */
    public static String render(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }
}
