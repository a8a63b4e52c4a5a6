package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.Secrets;
import dev.rehome.core.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Secrets through fabric8. Written Secrets carry rehome's managed-by label and no ArgoCD tracking label or
 * annotation, so no Application adopts or prunes them (reliability-facts §3.4). Thread-safe.
 */
public final class KubeSecrets implements Secrets {
    private final KubernetesClient client;

    public KubeSecrets(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Optional<Map<String, Secret>> read(String namespace, String name) {
        var s = client.secrets().inNamespace(namespace).withName(name).get();
        if (s == null) {
            return Optional.empty();
        }
        Map<String, Secret> out = new LinkedHashMap<>();
        Optional.ofNullable(s.getData()).orElse(Map.of()).forEach((k, v) ->
                out.put(k, Secret.of(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8))));
        Optional.ofNullable(s.getStringData()).orElse(Map.of()).forEach((k, v) -> out.put(k, Secret.of(v)));
        return Optional.of(out);
    }

    @Override
    public void put(String namespace, String name, Map<String, Secret> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.reveal().getBytes(StandardCharsets.UTF_8))));
        var secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "rehome").endMetadata()
                .withType("Opaque").withData(encoded).build();
        client.secrets().inNamespace(namespace).resource(secret).createOr(op -> op.update());
    }

    @Override
    public void delete(String namespace, String name) {
        client.secrets().inNamespace(namespace).withName(name).delete();
    }
}
