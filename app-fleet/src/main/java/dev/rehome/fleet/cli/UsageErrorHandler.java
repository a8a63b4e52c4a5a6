package dev.rehome.fleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** A wrong flag or value: the message, a pointer to {@code --help}, exit 2. Never the whole usage text. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
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
