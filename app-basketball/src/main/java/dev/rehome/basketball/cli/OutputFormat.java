package dev.rehome.basketball.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code -o/--output}: {@code table} (the default, for a terminal), {@code markdown} (for a ticket) or {@code json}
 * (for scripts), checked while the command line is parsed (exit 2, the formats named).
 */
final class OutputFormat implements CommandLine.ITypeConverter<String>, Iterable<String> {
    static final String TABLE = "table";
    static final String MARKDOWN = "markdown";
    static final String JSON = "json";
    private static final List<String> ALL = List.of(TABLE, MARKDOWN, JSON);

    @Override
    public String convert(String value) {
        String v = value.strip();
        if (!ALL.contains(v)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an output format; use one of "
                    + String.join(", ", ALL));
        }
        return v;
    }

    @Override
    public Iterator<String> iterator() {
        return ALL.iterator();
    }
}
