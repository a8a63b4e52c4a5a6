package dev.rehome.basketball.cli;

import dev.rehome.core.RefusedException;
import java.io.PrintStream;

/** Asks before a command changes a live system; refuses without a terminal unless {@code --yes}. */
final class Console {
    private Console() {
    }

    /** Refuses at once, before anything is read or started, when nobody could be asked. */
    static void requireAnswerable(String what, CommonOptions o) {
        if (!o.yes && !o.sandbox && !o.dryRun && System.console() == null) {
            throw new RefusedException(what + " changes a live system and there is no terminal to ask; pass --yes to "
                    + "confirm from a script");
        }
    }

    static void confirm(String what, CommonOptions o, PrintStream err) {
        if (o.yes || o.sandbox) {
            return;
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new RefusedException(what + " changes a live system and there is no terminal to ask; pass --yes to "
                    + "confirm from a script");
        }
        err.println();
        String answer = console.readLine("%s? Type 'yes' to go on: ", what);
        if (answer == null || !answer.strip().equals("yes")) {
            throw new RefusedException(what + " not confirmed; nothing was changed");
        }
    }
}
