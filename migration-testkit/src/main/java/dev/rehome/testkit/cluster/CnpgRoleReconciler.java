package dev.rehome.testkit.cluster;

import dev.rehome.testkit.PostgresServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays CNPG's instance manager for declarative roles and databases against an embedded server standing in for a
 * cluster's primary: roles in the Cluster's {@code spec.managed.roles} and in {@code DatabaseRole}s are created
 * with the password of their {@code passwordSecret}, the declared login and comment; {@code Database}s are created
 * with their owner and locale. Existing roles and databases are left alone. Call {@link #reconcileOnce()} from a
 * test's poll loop, or {@link #start} a background loop (for the sandbox).
 */
public final class CnpgRoleReconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CnpgRoleReconciler.class);
    private static final ResourceDefinitionContext CLUSTER = context("Cluster", "clusters");
    private static final ResourceDefinitionContext DATABASE = context("Database", "databases");
    private static final ResourceDefinitionContext DATABASE_ROLE = context("DatabaseRole", "databaseroles");

    private final KubernetesClient client;
    private final String namespace;
    private final String cluster;
    private final PostgresServer server;
    private ScheduledExecutorService loop;

    /** Reconciles for CNPG Cluster {@code namespace/cluster}, whose primary {@code server} plays. */
    public CnpgRoleReconciler(KubernetesClient client, String namespace, String cluster, PostgresServer server) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.server = Objects.requireNonNull(server, "server");
    }

    /** Reconciles every {@code interval} on a daemon thread until closed. */
    public synchronized CnpgRoleReconciler start(java.time.Duration interval) {
        if (loop == null) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cnpg-role-reconciler");
                t.setDaemon(true);
                return t;
            });
            loop.scheduleWithFixedDelay(() -> {
                try {
                    reconcileOnce();
                } catch (RuntimeException e) {
                    LOG.debug("role reconcile skipped: {}", e.getMessage());
                }
            }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    public synchronized void reconcileOnce() {
        GenericKubernetesResource c = client.genericKubernetesResources(CLUSTER).inNamespace(namespace).withName(cluster).get();
        if (c == null) {
            return;
        }
        try (Connection db = server.connect("postgres")) {
            for (Map<String, Object> role : roles(c.get("spec", "managed", "roles"))) {
                ensureRole(db, role);
            }
            for (GenericKubernetesResource r : list(DATABASE_ROLE)) {
                if (cluster.equals(r.get("spec", "cluster", "name"))) {
                    ensureRole(db, r.get("spec"));
                }
            }
            for (GenericKubernetesResource d : list(DATABASE)) {
                if (cluster.equals(d.get("spec", "cluster", "name"))) {
                    ensureDatabase(db, d.get("spec", "name"), d.get("spec", "owner"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reconciling roles on " + server + ": " + e.getMessage(), e);
        }
    }

    private void ensureRole(Connection db, Map<String, Object> role) throws SQLException {
        String name = String.valueOf(role.get("name"));
        if ("absent".equals(role.get("ensure")) || exists(db, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?", name)) {
            return;
        }
        boolean login = Boolean.TRUE.equals(role.get("login"));
        Object secretRef = role.get("passwordSecret");
        String password = secretRef instanceof Map<?, ?> m ? password(String.valueOf(m.get("name"))) : null;
        formatted(db, "SELECT format('CREATE ROLE %I " + (login ? "LOGIN" : "NOLOGIN")
                + (password == null ? "" : " PASSWORD %L") + "', ?::text" + (password == null ? "" : ", ?::text") + ")",
                password == null ? List.of(name) : List.of(name, password));
        if (role.get("comment") != null) {
            formatted(db, "SELECT format('COMMENT ON ROLE %I IS %L', ?::text, ?::text)",
                    List.of(name, String.valueOf(role.get("comment"))));
        }
    }

    private void ensureDatabase(Connection db, String name, String owner) throws SQLException {
        if (!exists(db, "SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?", name)) {
            formatted(db, "SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 ENCODING %L LC_COLLATE %L "
                    + "LC_CTYPE %L', ?::text, ?::text, 'UTF8', 'C', 'C')", List.of(name, owner));
        }
    }

    private String password(String secretName) {
        var s = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (s == null) {
            return null;
        }
        if (s.getStringData() != null && s.getStringData().get("password") != null) {
            return s.getStringData().get("password");
        }
        String encoded = s.getData() == null ? null : s.getData().get("password");
        return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private List<GenericKubernetesResource> list(ResourceDefinitionContext kind) {
        try {
            return client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> roles(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static boolean exists(Connection db, String query, String name) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(query)) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Builds DDL server-side with format(%I, %L) from bound values, then runs it. */
    private static void formatted(Connection db, String formatQuery, List<String> values) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(formatQuery)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            try (var rs = ps.executeQuery(); Statement s = db.createStatement()) {
                rs.next();
                s.execute(rs.getString(1));
            }
        }
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io").withVersion("v1").withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }
}
