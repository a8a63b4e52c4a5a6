package dev.rehome.kubectl.exec;

import dev.rehome.core.RefusedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lets engines that put passwords in secret env (the dump-restore engine sets {@code PGPASSWORD}) run over pod
 * exec: each secret variable is taken instead from a variable the container already holds, e.g.
 * {@code PGPASSWORD} from the postgres image's {@code POSTGRES_PASSWORD}, so no secret value leaves this process.
 * It trusts that the container's variable holds the password the spec carries (discovery read it from there); a
 * secret variable without a mapping is refused.
 */
public final class ContainerEnvSecretsRunner implements CommandRunner {
    private final CommandRunner podRunner;
    private final Map<String, String> fromContainer;

    /** {@code fromContainer} maps a secret env name of the spec to the container's env var, e.g. PGPASSWORD to POSTGRES_PASSWORD. */
    public ContainerEnvSecretsRunner(CommandRunner podRunner, Map<String, String> fromContainer) {
        this.podRunner = Objects.requireNonNull(podRunner, "podRunner");
        this.fromContainer = Map.copyOf(fromContainer);
    }

    @Override
    public RunningCommand start(CommandSpec spec) {
        if (spec.secretEnv().isEmpty()) {
            return podRunner.start(spec);
        }
        Set<String> unmapped = new TreeSet<>(spec.secretEnv().keySet());
        unmapped.removeAll(fromContainer.keySet());
        if (!unmapped.isEmpty()) {
            throw new RefusedException("refusing to run " + spec.program() + " " + podRunner.describe()
                    + ": secret environment " + unmapped + " has no variable in the container to come from");
        }
        Map<String, String> used = new java.util.HashMap<>();
        spec.secretEnv().keySet().forEach(name -> used.put(name, fromContainer.get(name)));
        return podRunner.start(PodShellCommands.withEnvFromContainerEnv(used, spec));
    }

    @Override
    public String describe() {
        return podRunner.describe();
    }
}
