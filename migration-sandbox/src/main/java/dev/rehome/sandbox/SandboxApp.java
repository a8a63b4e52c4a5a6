package dev.rehome.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import dev.rehome.jdbc.PgConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plays basketball-api for the sandbox: {@code GET /health} answers 200 only when the Deployment has replicas and
 * the database URL its env var resolves to (through the Secret it names) accepts a login and serves the players
 * table, which is what the real app's health check proves. Close to stop it.
 */
public final class SandboxApp implements AutoCloseable {
    private final HttpServer server;
    private final Supplier<Optional<String>> databaseUrl;

    /** {@code databaseUrl}: the URL the app's pods would read now, empty while the app has no pods. */
    public SandboxApp(Supplier<Optional<String>> databaseUrl) {
        this.databaseUrl = Objects.requireNonNull(databaseUrl, "databaseUrl");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox app", e);
        }
        server.createContext("/health", exchange -> {
            int status = healthy() ? 200 : 503;
            byte[] body = (status == 200 ? "ok\n" : "unavailable\n").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The app as the in-memory cluster defines it: replicas, the env var, and the Secret it names. */
    public static SandboxApp over(InMemoryCluster cluster, WorkloadRef app, String container, String envVar) {
        return new SandboxApp(() -> {
            if (!cluster.exists(app) || cluster.replicas(app) == 0) {
                return Optional.empty();
            }
            return cluster.env(app, container, envVar).flatMap(env -> env.literal() != null ? Optional.of(env.literal())
                    : cluster.read(app.namespace(), env.secret()).map(d -> d.get(env.key())).map(Secret::reveal));
        });
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    boolean healthy() {
        Optional<String> url;
        try {
            url = databaseUrl.get();
        } catch (RuntimeException e) {
            return false;
        }
        if (url.isEmpty()) {
            return false;
        }
        try {
            DatabaseEndpoint e = parseWithPassword(url.get());
            try (Connection c = new PgConnector("basketball-api").open(e); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM public.players")) {
                return rs.next();
            }
        } catch (RuntimeException | java.sql.SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The app's own URL carries its password (it comes from a Secret); the CLI parser rightly refuses those. */
    static DatabaseEndpoint parseWithPassword(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String[] userInfo = uri.getRawUserInfo().split(":", 2);
        String user = URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8);
        Secret password = Secret.of(userInfo.length > 1 ? URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8) : "");
        return DatabaseEndpoint.of(uri.getHost(), uri.getPort(), uri.getPath().substring(1), user, password);
    }
}
