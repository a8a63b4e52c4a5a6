package dev.rehome.testkit.kube;

import dev.rehome.testkit.PostgresServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pod "is" on this machine: the environment its exec'd processes see, the directory they start in, and
 * where each of its container ports really listens. A pod bound to an embedded PostgreSQL server gets
 * {@code PGHOST}/{@code PGPORT}/{@code PGUSER} so {@code pg_dump} or {@code psql} run "inside" it reach that server
 * the way a local socket connection in the real pod would, and its port 5432 forwards to the server's port.
 */
public record PodEnvironment(Map<String, String> env, Optional<Path> workingDirectory,
                             Map<Integer, InetSocketAddress> ports) {
    public PodEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        ports = Map.copyOf(ports);
    }

    /** A pod with no special environment and no ports. */
    public static PodEnvironment empty() {
        return new PodEnvironment(Map.of(), Optional.empty(), Map.of());
    }

    /**
     * A database pod played by {@code server}: libpq variables point at it as the superuser (as peer auth inside
     * a real postgres container would), and port 5432 forwards to it.
     */
    public static PodEnvironment postgres(PostgresServer server) {
        return empty()
                .withEnv("PGHOST", server.host())
                .withEnv("PGPORT", Integer.toString(server.port()))
                .withEnv("PGUSER", PostgresServer.SUPERUSER)
                .withPort(5432, new InetSocketAddress(server.host(), server.port()));
    }

    public PodEnvironment withEnv(String name, String value) {
        Map<String, String> next = new HashMap<>(env);
        next.put(name, value);
        return new PodEnvironment(next, workingDirectory, ports);
    }

    public PodEnvironment withPort(int containerPort, InetSocketAddress target) {
        Map<Integer, InetSocketAddress> next = new HashMap<>(ports);
        next.put(containerPort, target);
        return new PodEnvironment(env, workingDirectory, next);
    }

    public PodEnvironment withWorkingDirectory(Path directory) {
        return new PodEnvironment(env, Optional.of(directory), ports);
    }
}
