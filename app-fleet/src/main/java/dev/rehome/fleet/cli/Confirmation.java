package dev.rehome.fleet.cli;

import dev.rehome.core.RefusedException;

/** Asks before a command changes a live system; refuses without a terminal unless {@code --yes} (exit 3). */
final class Confirmation {
    private Confirmation() {
    }

    static void confirm(String what, MoveOptions o, CliContext context) {
        if (o.yes || o.sandbox) {
            return;
        }
        java.io.Console console = context.terminal() ? System.console() : null;
        if (console == null) {
            throw new RefusedException(what + " changes a live system and there is no terminal to ask; pass --yes to "
                    + "confirm from a script");
        }
        String answer = console.readLine("%s? Type 'yes' to go on: ", what);
        if (answer == null || !answer.strip().equals("yes")) {
            throw new RefusedException(what + " not confirmed; nothing was changed");
        }
    }
}
