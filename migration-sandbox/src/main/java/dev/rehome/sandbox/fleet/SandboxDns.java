package dev.rehome.sandbox.fleet;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's cluster DNS: in-cluster Service addresses ({@code postgres.mcd-tracker.svc.cluster.local:5432},
 * {@code pal-e-postgres-rw.postgres.svc.cluster.local:5432}) mapped to the embedded servers that play them, so
 * the connection strings the cutover writes are the real cluster's. Thread-safe.
 */
final class SandboxDns {
    record Address(String host, int port) {
    }

    private final Map<String, Address> names = new ConcurrentHashMap<>();

    /** Registers every form of {@code service.namespace} on {@code port}. */
    void service(String service, String namespace, int port, Address to) {
        for (String n : new String[] {service, service + "." + namespace, service + "." + namespace + ".svc",
                service + "." + namespace + ".svc.cluster.local"}) {
            names.put(key(n, port), to);
        }
    }

    /** Where a client in {@code namespace} connecting to {@code host:port} ends up. */
    Optional<Address> resolve(String host, int port, String namespace) {
        Address a = names.get(key(host, port));
        return Optional.ofNullable(a != null ? a : names.get(key(host + "." + namespace, port)));
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
