package dev.rehome.basketball.cli;

import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.MigrationException;
import dev.rehome.core.StepResult;
import java.util.Optional;

/** Turns a run's outcome into the exit code and the one failure line the contract asks for. */
final class Outcomes {
    private Outcomes() {
    }

    static int exitCode(CutoverOutcome outcome, Cli cli, Session s) {
        Optional<StepResult.Failed> failed = outcome.result().steps().stream()
                .filter(r -> r instanceof StepResult.Failed).map(r -> (StepResult.Failed) r).findFirst();
        if (failed.isEmpty()) {
            return 0;
        }
        Throwable cause = failed.get().cause();
        boolean rolledBack = outcome.result().steps().stream().anyMatch(r -> r instanceof StepResult.RolledBack);
        boolean pastNoReturn = outcome.result().facts().containsKey("cutover.at") && !rolledBack;
        String where = rolledBack || !pastNoReturn
                ? "the app is back on the old database " + s.config().source().namespace() + "/" + s.config().source().deployment() + ", untouched"
                : "the app already points at the new home; 'rollback' is allowed only while the target shows no writes since the cutover";
        cli.err().println("✘ " + failed.get().stepId() + " failed: " + firstLine(cause.getMessage()) + ". " + where
                + ". Retry: " + s.retryHint() + ". Log: " + cli.logFile());
        if (cause instanceof MigrationException m) {
            int code = m.errorCode().exitCode();
            return rolledBack && code != 1 && code != 3 && code != 4 ? 5 : code;
        }
        return 5;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "(no message)";
        }
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
