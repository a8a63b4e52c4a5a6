package dev.rehome.kubectl.provision;

import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.cnpg.Fields;
import dev.rehome.testkit.PostgresServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;

/**
 * What CNPG's instance manager does for managed roles and Database CRs, against an embedded server: creates
 * missing roles with the password from their Secret and the declared comment, and missing databases.
 */
final class MiniCnpgOperator {
    private final KubernetesClient client;
    private final PostgresServer server;

    MiniCnpgOperator(KubernetesClient client, PostgresServer server) {
        this.client = client;
        this.server = server;
    }

    void reconcile() {
        var cluster = CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace("postgres").withName("pal-e-postgres").get();
        try (Connection c = server.connect("postgres")) {
            for (Map<String, Object> role : Fields.list(cluster, "spec", "managed", "roles")) {
                String name = (String) role.get("name");
                if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                    continue;
                }
                String password = password((String) ((Map<?, ?>) role.get("passwordSecret")).get("name"));
                sql(c, "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', ?::text, ?::text)", name, password);
                sql(c, "SELECT format('COMMENT ON ROLE %I IS %L', ?::text, ?::text)", name, (String) role.get("comment"));
            }
            for (var db : CnpgKinds.of(client, CnpgKinds.DATABASE).inNamespace("postgres").list().getItems()) {
                String name = Fields.string(db, "spec", "name").orElseThrow();
                if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    sql(c, "SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 LC_COLLATE %L LC_CTYPE %L', "
                            + "?::text, ?::text, 'C', 'C')", name, Fields.string(db, "spec", "owner").orElseThrow());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String password(String secretName) {
        var s = client.secrets().inNamespace("postgres").withName(secretName).get();
        if (s.getStringData() != null && s.getStringData().containsKey("password")) {
            return s.getStringData().get("password");
        }
        return new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8);
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void sql(Connection c, String formatQuery, String a, String b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(formatQuery)) {
            ps.setString(1, a);
            ps.setString(2, b);
            try (var rs = ps.executeQuery(); Statement s = c.createStatement()) {
                rs.next();
                s.execute(rs.getString(1));
            }
        }
    }
}
