package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.Secrets;
import dev.rehome.core.RefusedException;
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
 * annotation, so no Application adopts or prunes them (reliability-facts §3.4). rehome never overwrites or deletes
 * a Secret without that label: one of the same name that someone else made is refused, not replaced. An update
 * carries the resourceVersion read just before it. Thread-safe.
 */
public final class KubeSecrets implements Secrets {
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final String REHOME = "rehome";

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
                .addToLabels(MANAGED_BY, REHOME).endMetadata()
                .withType("Opaque").withData(encoded).build();
        var existing = client.secrets().inNamespace(namespace).withName(name).get();
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(secret).create();
            return;
        }
        requireOurs(existing, "overwrite");
        secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.secrets().inNamespace(namespace).resource(secret).update();
    }

    @Override
    public void delete(String namespace, String name) {
        var existing = client.secrets().inNamespace(namespace).withName(name).get();
        if (existing == null) {
            return;
        }
        requireOurs(existing, "delete");
        client.secrets().inNamespace(namespace).withName(name)
                .lockResourceVersion(existing.getMetadata().getResourceVersion()).delete();
    }

    private static void requireOurs(io.fabric8.kubernetes.api.model.Secret existing, String what) {
        var labels = Optional.ofNullable(existing.getMetadata().getLabels()).orElse(Map.of());
        if (!REHOME.equals(labels.get(MANAGED_BY))) {
            throw new RefusedException("Secret " + existing.getMetadata().getNamespace() + "/"
                    + existing.getMetadata().getName() + " exists and was not made by rehome (no label " + MANAGED_BY
                    + "=" + REHOME + "); rehome does not " + what + " it: rename or remove it yourself, then rerun");
        }
    }
}
