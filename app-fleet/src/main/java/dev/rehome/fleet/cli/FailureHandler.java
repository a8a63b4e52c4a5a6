package dev.rehome.fleet.cli;

import dev.rehome.core.MigrationException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception out of a command into one line on stderr and an exit code: a {@link MigrationException}
 * exits with its error code; anything else is a bug or an environment problem and exits 5, pointing to the log
 * file that holds the stack trace. The terminal never gets a stack trace.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
    private final CliContext context;

    FailureHandler(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        var err = cmd.getErr();
        if (ex instanceof MigrationException m) {
            LOG.warn("{} failed: {}", cmd.getCommandName(), m.getMessage(), m);
            err.println("rehome-fleet " + cmd.getCommandName() + ": " + oneLine(m.getMessage()));
            err.flush();
            return m.errorCode().exitCode();
        }
        LOG.error("{} failed unexpectedly", cmd.getCommandName(), ex);
        err.println("rehome-fleet " + cmd.getCommandName() + ": unexpected error (" + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage())) + "); see log file "
                + context.logFile());
        err.flush();
        return 5;
    }

    private static String oneLine(String message) {
        String line = message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
        // a stderr tail can be KiBs long: keep what failed (the start) and why (the end)
        return line.length() <= 600 ? line : line.substring(0, 200) + " ... " + line.substring(line.length() - 380);
    }
}
