package dev.rehome.sandbox.fleet;

import com.sun.net.httpserver.HttpServer;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import dev.rehome.cutover.fleet.AppReference;
import dev.rehome.cutover.fleet.FleetCutover;
import dev.rehome.jdbc.PgConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the apps for the sandbox: {@code GET /NAMESPACE/health} answers 200 only when the app's Deployment has
 * replicas and the database its env points at (a URL, or host/port/user/password/name vars, literal or through
 * Secrets, resolved through the sandbox DNS) accepts its login and serves its first table. Close to stop it.
 */
final class StandInApps implements AutoCloseable {
    private final HttpServer server;
    private final InMemoryCluster cluster;
    private final SandboxDns dns;
    private final Map<String, FleetCutover> apps = new ConcurrentHashMap<>();

    StandInApps(InMemoryCluster cluster, SandboxDns dns) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.dns = Objects.requireNonNull(dns, "dns");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox apps", e);
        }
        server.createContext("/", exchange -> {
            String ns = exchange.getRequestURI().getPath().replaceFirst("^/([^/]+)/health$", "$1");
            int status = healthy(ns) ? 200 : 503;
            byte[] body = (status == 200 ? "ok\n" : "unavailable\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String register(FleetCutover cutover) {
        apps.put(cutover.config().app().namespace(), cutover);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + cutover.config().app().namespace() + "/health";
    }

    boolean healthy(String namespace) {
        FleetCutover c = apps.get(namespace);
        if (c == null) {
            return false;
        }
        WorkloadRef app = new WorkloadRef(namespace, c.config().app().deployment());
        if (!cluster.exists(app) || cluster.replicas(app) == 0) {
            return false;
        }
        try {
            DatabaseEndpoint e = endpoint(c, app).orElse(null);
            if (e == null) {
                return false;
            }
            String probe = c.config().invariants().isEmpty() ? "SELECT 1" : c.config().invariants().get(0).sql();
            try (Connection conn = new PgConnector(c.config().app().deployment()).open(e);
                 Statement s = conn.createStatement()) {
                s.executeQuery(probe).close();
                return true;
            }
        } catch (RuntimeException | java.sql.SQLException ex) {
            return false;
        }
    }

    private Optional<DatabaseEndpoint> endpoint(FleetCutover c, WorkloadRef app) {
        String container = c.config().app().container();
        Optional<String> main = value(app, container, c.config().app().envVar());
        if (main.isEmpty()) {
            return Optional.empty();
        }
        if (c.app().style() == AppReference.Style.URL) {
            URI uri = URI.create(main.get().replaceFirst("^jdbc:", ""));
            String[] user = uri.getRawUserInfo().split(":", 2);
            return routed(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), app.namespace(),
                    uri.getPath().substring(1), decode(user[0]), user.length > 1 ? decode(user[1]) : "");
        }
        Map<String, String> parts = c.app().companions();
        int port = Optional.ofNullable(parts.get("port")).flatMap(v -> value(app, container, v)).map(Integer::parseInt).orElse(5432);
        String db = Optional.ofNullable(parts.get("dbname")).flatMap(v -> value(app, container, v))
                .orElse(c.config().source().database());
        return routed(main.get(), port, app.namespace(), db,
                Optional.ofNullable(parts.get("user")).flatMap(v -> value(app, container, v)).orElse(""),
                Optional.ofNullable(parts.get("password")).flatMap(v -> value(app, container, v)).orElse(""));
    }

    private Optional<DatabaseEndpoint> routed(String host, int port, String ns, String db, String user, String password) {
        return dns.resolve(host, port, ns).map(a -> DatabaseEndpoint.of(a.host(), a.port(), db, user, Secret.of(password)));
    }

    private Optional<String> value(WorkloadRef app, String container, String var) {
        return cluster.env(app, container, var).flatMap(def -> def.literal() != null ? Optional.of(def.literal())
                : cluster.read(app.namespace(), def.secret()).map(d -> d.get(def.key())).map(Secret::reveal));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
