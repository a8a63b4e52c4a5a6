package dev.rehome.kubectl.dump;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The programs one copy started, so a copy given up can stop them all from another thread: {@link #killAll()}
 * closes each (which kills a program still running), and a thread blocked on its pipes then fails instead of
 * waiting for a server that stopped answering. Once killed, nothing more starts. Thread-safe; one per copy.
 */
final class StartedCommands {
    private final Set<RunningCommand> running = ConcurrentHashMap.newKeySet();
    private volatile boolean killed;

    /** {@code runner}, with everything it starts for this copy recorded here. */
    CommandRunner watching(CommandRunner runner) {
        Objects.requireNonNull(runner, "runner");
        return new CommandRunner() {
            @Override
            public RunningCommand start(CommandSpec spec) {
                if (killed) {
                    throw new OperationFailedException("the copy was given up; " + spec.program() + " not started");
                }
                RunningCommand command = runner.start(spec);
                running.add(command);
                if (killed) {
                    command.close();
                }
                return command;
            }

            @Override
            public String describe() {
                return runner.describe();
            }
        };
    }

    void killAll() {
        killed = true;
        for (RunningCommand command : running) {
            try {
                command.close();
            } catch (RuntimeException ignored) {
                // one program that cannot be stopped must not keep the others running
            }
        }
    }
}
