package dev.rehome.fleet.cli;

import java.util.List;
import picocli.CommandLine;

/** Option values from a fixed list, refused at parse time (exit 2) with the list in the message. */
abstract class Choices implements CommandLine.ITypeConverter<String>, Iterable<String> {
    private final List<String> allowed;

    Choices(String... allowed) {
        this.allowed = List.of(allowed);
    }

    @Override
    public String convert(String value) {
        String v = value.strip();
        if (!allowed.contains(v)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    @Override
    public java.util.Iterator<String> iterator() {
        return allowed.iterator();
    }

    /** {@code --engine}. */
    static final class Engines extends Choices {
        Engines() {
            super("dump-restore", "jdbc-direct");
        }
    }

    /** {@code plan|migrate --engine}: the copy engines plus the in-cluster Job. */
    static final class MoveEngines extends Choices {
        MoveEngines() {
            super("dump-restore", "dump-restore-job", "jdbc-direct");
        }
    }

    /** {@code --target-tls}: the {@link dev.rehome.core.tls.TlsMode}s. */
    static final class TargetTlsModes extends Choices {
        TargetTlsModes() {
            super("verify-full", "require", "disable");
        }
    }

    /** {@code copy --verify}. */
    static final class CopyLevels extends Choices {
        CopyLevels() {
            super("none", "counts", "full");
        }
    }

    /** {@code verify --level}. */
    static final class VerifyLevels extends Choices {
        VerifyLevels() {
            super("counts", "full");
        }
    }

    /** {@code -o} of the commands that report: copy, verify, plan, migrate, retire. */
    static final class ReportFormats extends Choices {
        ReportFormats() {
            super("table", "markdown", "json");
        }
    }
}
