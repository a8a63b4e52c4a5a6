package dev.rehome.cutover.cli;

import dev.rehome.core.tls.TlsMode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * Option values from a fixed list, refused while the command line is parsed (exit 2, the valid values named): a
 * typo found after the app was scaled down and the source fenced would cost a rollback, and an outage where a
 * rollback cannot finish. Also the candidates picocli shows in help and shell completion. Both CLIs use these
 * lists, so one option means the same values in each.
 */
public abstract class Choices implements CommandLine.ITypeConverter<String>, Iterable<String> {
    private final String what;
    private final List<String> allowed;

    protected Choices(String what, String... allowed) {
        this.what = what;
        this.allowed = List.of(allowed);
    }

    @Override
    public String convert(String value) {
        String v = value.strip();
        if (!allowed.contains(v)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + what + "; use one of "
                    + String.join(", ", allowed));
        }
        return v;
    }

    @Override
    public Iterator<String> iterator() {
        return allowed.iterator();
    }

    /** {@code --engine} of the commands that copy from this machine. */
    public static final class Engines extends Choices {
        public Engines() {
            super("a copy engine", "dump-restore", "jdbc-direct");
        }
    }

    /** {@code --engine} of fleet moves: the copy engines plus the in-cluster Job. */
    public static final class MoveEngines extends Choices {
        public MoveEngines() {
            super("a copy engine", "dump-restore", "dump-restore-job", "jdbc-direct");
        }
    }

    /** {@code --target-tls}: the {@link TlsMode}s, as users type them. */
    public static final class TargetTlsModes extends Choices {
        public TargetTlsModes() {
            super("a TLS mode for the target", Arrays.stream(TlsMode.values()).map(TlsMode::sslmode)
                    .toArray(String[]::new));
        }
    }

    /** {@code copy --verify}. */
    public static final class CopyLevels extends Choices {
        public CopyLevels() {
            super("a verification level", "none", "counts", "full");
        }
    }

    /** {@code verify --level}. */
    public static final class VerifyLevels extends Choices {
        public VerifyLevels() {
            super("a verification level", "counts", "full");
        }
    }

    /** {@code -o/--output} of the commands that report: table (a terminal), markdown (a ticket), json (scripts). */
    public static final class ReportFormats extends Choices {
        public static final String TABLE = "table";
        public static final String MARKDOWN = "markdown";
        public static final String JSON = "json";

        public ReportFormats() {
            super("an output format", TABLE, MARKDOWN, JSON);
        }
    }
}
