package dev.rehome.basketball.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code --engine}, refused while the command line is parsed (exit 2, the valid ids named): a typo found after the
 * app was scaled down and the source fenced would cost a rollback, and an outage where a rollback cannot finish.
 * Also the candidates picocli shows in help and shell completion.
 */
final class EngineChoice implements CommandLine.ITypeConverter<String>, Iterable<String> {
    static final List<String> IDS = List.of("dump-restore", "jdbc-direct");

    @Override
    public String convert(String value) {
        String id = value.strip();
        if (!IDS.contains(id)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a copy engine; use one of "
                    + String.join(", ", IDS));
        }
        return id;
    }

    @Override
    public Iterator<String> iterator() {
        return IDS.iterator();
    }
}
