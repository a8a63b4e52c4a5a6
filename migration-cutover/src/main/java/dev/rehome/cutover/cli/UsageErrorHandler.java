package dev.rehome.cutover.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A wrong flag or value, in both CLIs: the message, suggestions for a near miss, a pointer to the command's own
 * {@code --help}, exit 2; all on stderr, never the whole usage text.
 */
public final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        var err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage and examples.");
        err.flush();
        return 2;
    }
}
