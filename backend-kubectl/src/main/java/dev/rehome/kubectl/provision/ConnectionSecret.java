package dev.rehome.kubectl.provision;

import dev.rehome.core.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's connection Secret with CNPG's key layout ({@code username, user, password, dbname, host, port,
 * pgpass, uri, jdbc-uri, fqdn-uri, fqdn-jdbc-uri}). Unlike CNPG's own Secret it lives in another namespace, so
 * {@code host}/{@code uri} use {@code <cluster>-rw.<ns>.svc} (resolvable from any namespace) and the
 * {@code fqdn-*} keys the full {@code .svc.cluster.local} name. No ArgoCD tracking labels: an app must not
 * adopt or prune it.
 */
public final class ConnectionSecret {
    private ConnectionSecret() {
    }

    public static io.fabric8.kubernetes.api.model.Secret build(ProvisionRequest request, Secret password) {
        String host = request.cluster().name() + "-rw." + request.cluster().namespace() + ".svc";
        String fqdn = host + ".cluster.local";
        String user = request.role();
        String db = request.database();
        String pw = password.reveal();
        String encoded = URLEncoder.encode(pw, StandardCharsets.UTF_8);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("username", user);
        data.put("user", user);
        data.put("password", pw);
        data.put("dbname", db);
        data.put("host", host);
        data.put("port", "5432");
        data.put("pgpass", host + ":5432:" + db + ":" + user + ":" + pw.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        data.put("uri", "postgresql://" + user + ":" + encoded + "@" + host + ":5432/" + db);
        data.put("jdbc-uri", "jdbc:postgresql://" + host + ":5432/" + db + "?password=" + encoded + "&user=" + user);
        data.put("fqdn-uri", "postgresql://" + user + ":" + encoded + "@" + fqdn + ":5432/" + db);
        data.put("fqdn-jdbc-uri", "jdbc:postgresql://" + fqdn + ":5432/" + db + "?password=" + encoded + "&user=" + user);
        return new SecretBuilder().withNewMetadata().withName(request.appSecret().name())
                .withNamespace(request.appSecret().namespace())
                .addToLabels(Provisioner.MANAGED_BY, "rehome").addToLabels(Provisioner.PLAN_LABEL, request.planId())
                .addToAnnotations(Provisioner.MARKER_ANNOTATION, request.marker()).endMetadata()
                .withType("kubernetes.io/basic-auth").withStringData(data).build();
    }
}
