package dev.rehome.cutover.report;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records as JSON: every JSON document rehome writes (reports, plans, journal states, audits) is a record whose
 * components are its fields in order, so the JSON follows the types and no writer is built node by node. A map
 * keeps its own order, so documents hand over sorted or enum-ordered maps. Stateless.
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
