package dev.rehome.cutover;

import dev.rehome.core.Secret;
import dev.rehome.sandbox.KubeSandbox;
import dev.rehome.testkit.PostgresServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Properties;

/** The app's own login on the sandbox's source, as its connection Secret holds it (each sandbox makes its own). */
final class SandboxAppLogin {
    private SandboxAppLogin() {
    }

    /** The password in the URL of Secret basketball-api/basketball-api-secrets. */
    static Secret password(KubeSandbox sandbox) {
        var secret = sandbox.client().secrets().inNamespace("basketball-api").withName("basketball-api-secrets").get();
        String url = new String(Base64.getDecoder().decode(secret.getData().get("database-url")), StandardCharsets.UTF_8);
        String userInfo = URI.create(url).getRawUserInfo();
        return Secret.of(URLDecoder.decode(userInfo.substring(userInfo.indexOf(':') + 1), StandardCharsets.UTF_8));
    }

    static boolean canLogIn(PostgresServer server, String role, Secret password) {
        try (Connection c = connect(server, role, password)) {
            return c.isValid(5);
        } catch (SQLException refused) {
            return false;
        }
    }

    /** {@code role} into the source's basketball database. */
    static Connection connect(PostgresServer server, String role, Secret password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", role);
        p.setProperty("password", password.reveal());
        return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/basketball", p);
    }
}
