package dev.rehome.kubectl.exec;

import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Lets a program in a pod use a password the container does not hold (a fence's migration role or rotated
 * password): the secret env travels over the exec stream's stdin, one line per variable, read by a tiny shell
 * ({@link PodShellCommands#withEnvFromStdin}) before it execs the program. Never in argv, never through an API
 * object. For programs that do not read stdin themselves (pg_dump writing to stdout).
 */
public final class StdinSecretsRunner implements CommandRunner {
    private final CommandRunner podRunner;

    public StdinSecretsRunner(CommandRunner podRunner) {
        this.podRunner = Objects.requireNonNull(podRunner, "podRunner");
    }

    @Override
    public RunningCommand start(CommandSpec spec) {
        if (spec.secretEnv().isEmpty()) {
            return podRunner.start(spec);
        }
        TreeMap<String, Secret> secrets = new TreeMap<>(spec.secretEnv());
        StringBuilder lines = new StringBuilder();
        secrets.forEach((name, value) -> {
            String v = value.reveal();
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new RefusedException("refusing to pass " + name + " to " + spec.program() + " "
                        + podRunner.describe() + " over stdin: the value has a line break");
            }
            lines.append(v).append('\n');
        });
        RunningCommand running = podRunner.start(PodShellCommands.withEnvFromStdin(List.copyOf(secrets.keySet()), spec));
        try {
            OutputStream in = running.stdin();
            in.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UnreachableException("cannot pass the secret environment of " + spec.program() + " "
                    + podRunner.describe() + ": " + e.getMessage(), e);
        }
        return running;
    }

    @Override
    public String describe() {
        return podRunner.describe();
    }
}
