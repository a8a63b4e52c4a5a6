package dev.rehome.kubectl.cutover;

import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs libpq clients in the database's own pod against the server there through the pod's defaults: without
 * {@code PGHOST}/{@code PGPORT}, so they use the container's Unix socket (where the postgres image trusts local
 * logins) instead of a host name that only means something on the operator's machine.
 */
public final class PodSocketRunner implements CommandRunner {
    private final CommandRunner pod;

    public PodSocketRunner(CommandRunner pod) {
        this.pod = Objects.requireNonNull(pod, "pod");
    }

    @Override
    public RunningCommand start(CommandSpec spec) {
        Map<String, String> env = new HashMap<>(spec.env());
        env.remove("PGHOST");
        env.remove("PGPORT");
        return pod.start(new CommandSpec(spec.argv(), env, spec.secretEnv()));
    }

    @Override
    public String describe() {
        return pod.describe();
    }
}
