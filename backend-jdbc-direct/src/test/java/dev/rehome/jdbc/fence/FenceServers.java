package dev.rehome.jdbc.fence;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One embedded server per major for all fence ITs of this JVM (each test makes its own database and roles), so
 * the matrix does not pay a server start per class; stopped when the JVM exits.
 */
final class FenceServers {
    private static final Map<Integer, PostgresServer> SERVERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.values().forEach(PostgresServer::close)));
    }

    private FenceServers() {
    }

    static PostgresServer get(int major) {
        return SERVERS.computeIfAbsent(major, m -> {
            PostgresServer s = PostgresServers.start(m);
            // The write witness is one-sided: autovacuum's ANALYZE takes an xid too. Off here, so a moved
            // witness in these tests can only mean a write the fence let through.
            s.execute("postgres", "ALTER SYSTEM SET autovacuum = off");
            s.execute("postgres", "SELECT pg_reload_conf()");
            return s;
        });
    }
}
