package dev.rehome.kubectl.exec;

import dev.rehome.core.spi.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Command specs for pod exec that use a password without carrying it: the container already holds it in an env
 * var (the postgres image's {@code POSTGRES_PASSWORD}), and a tiny shell moves it to {@code PGPASSWORD} inside the
 * pod. Only the variable's name travels in argv. The program's own arguments are passed as positional parameters,
 * never spliced into the script, so no quoting can break out.
 */
public final class PodShellCommands {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PodShellCommands() {
    }

    /**
     * {@code sh -c 'PGPASSWORD="$VAR" exec "$@"' sh ARGV...}: runs {@code argv} with {@code PGPASSWORD} taken from
     * the container's env var {@code containerEnvVar}.
     */
    public static CommandSpec withPasswordFromContainerEnv(String containerEnvVar, List<String> argv) {
        return withEnvFromContainerEnv(java.util.Map.of("PGPASSWORD", containerEnvVar),
                new CommandSpec(argv, java.util.Map.of(), java.util.Map.of()));
    }

    /**
     * {@code sh -c 'NAME="$CONTAINER_VAR" ... exec "$@"' sh ARGV...}: runs {@code inner} (its plain env kept, its
     * secret env dropped) with each variable of {@code fromContainer} set from the named variable the container
     * already has. Only variable names travel in argv.
     */
    public static CommandSpec withEnvFromContainerEnv(java.util.Map<String, String> fromContainer, CommandSpec inner) {
        StringBuilder script = new StringBuilder();
        new java.util.TreeMap<>(fromContainer).forEach((name, containerVar) -> {
            requireEnvName(name);
            requireEnvName(containerVar);
            script.append(name).append("=\"$").append(containerVar).append("\" ");
        });
        script.append("exec \"$@\"");
        List<String> full = new ArrayList<>(List.of("sh", "-c", script.toString(), "sh"));
        full.addAll(inner.argv());
        return new CommandSpec(full, inner.env(), java.util.Map.of());
    }

    /**
     * {@code sh -c 'IFS= read -r A && export A && ... exec "$@"' sh ARGV...}: runs {@code inner} (its plain env
     * kept, its secret env dropped) with each secret variable read as one line of stdin, in the order of
     * {@code names}. {@code read} stops at the newline, so it needs no end of input, which v4 exec cannot signal;
     * only the names travel in argv.
     */
    public static CommandSpec withEnvFromStdin(List<String> names, CommandSpec inner) {
        StringBuilder script = new StringBuilder();
        for (String name : names) {
            requireEnvName(name);
            script.append("IFS= read -r ").append(name).append(" && export ").append(name).append(" && ");
        }
        script.append("exec \"$@\"");
        List<String> full = new ArrayList<>(List.of("sh", "-c", script.toString(), "sh"));
        full.addAll(inner.argv());
        return new CommandSpec(full, inner.env(), java.util.Map.of());
    }

    /**
     * {@code sh -c 'head -c N | "$@"' sh ARGV...}: the remote program reads exactly {@code bytes} bytes of stdin and
     * then sees end of input, which v4 exec cannot signal otherwise. With {@code pipefail} where the shell has it,
     * so a failing {@code head} counts too.
     */
    public static CommandSpec readingExactly(long bytes, CommandSpec inner) {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte count must not be negative, was " + bytes);
        }
        String script = "(set -o pipefail) 2>/dev/null && set -o pipefail; head -c " + bytes + " | \"$@\"";
        List<String> full = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        full.addAll(inner.argv());
        return new CommandSpec(full, inner.env(), inner.secretEnv());
    }

    /** {@code psql -U postgres -d DB -v ON_ERROR_STOP=1 ARGS...}, as {@code kubectl cnpg psql} runs it (peer auth). */
    public static CommandSpec cnpgPsql(String database, String... args) {
        List<String> argv = new ArrayList<>(List.of("psql", "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1"));
        argv.addAll(List.of(args));
        return new CommandSpec(argv, java.util.Map.of(), java.util.Map.of());
    }

    private static void requireEnvName(String name) {
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an environment variable name: " + name);
        }
    }
}
