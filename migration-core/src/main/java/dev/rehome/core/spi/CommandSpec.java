package dev.rehome.core.spi;

import dev.rehome.core.Secret;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A program to run: its argv, plain environment, and secret environment (e.g. {@code PGPASSWORD}). Secrets
 * travel only in the environment, never in argv, because argv shows in {@code ps} and in API-server audit logs.
 * A runner that cannot pass environment safely (pod exec) must refuse a spec with secrets rather than put them
 * on the command line.
 */
public record CommandSpec(List<String> argv, Map<String, String> env, Map<String, Secret> secretEnv) {
    public CommandSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        env = Map.copyOf(env);
        secretEnv = Map.copyOf(secretEnv);
    }

    public static CommandSpec of(String... argv) {
        return new CommandSpec(List.of(argv), Map.of(), Map.of());
    }

    public CommandSpec withEnv(String name, String value) {
        var next = new java.util.HashMap<>(env);
        next.put(name, value);
        return new CommandSpec(argv, next, secretEnv);
    }

    public CommandSpec withSecretEnv(String name, Secret value) {
        Objects.requireNonNull(value, "value");
        var next = new java.util.HashMap<>(secretEnv);
        next.put(name, value);
        return new CommandSpec(argv, env, next);
    }

    /** The program name, for messages. */
    public String program() {
        String first = argv.get(0);
        int slash = first.lastIndexOf('/');
        return slash < 0 ? first : first.substring(slash + 1);
    }

    @Override
    public String toString() {
        return String.join(" ", argv) + (secretEnv.isEmpty() ? "" : " (secret env: " + secretEnv.keySet() + ")");
    }
}
