package dev.rehome.cutover.fleet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decoded data of a namespace's Secrets and ConfigMaps, each read once. The values are compared by the
 * scanners and dropped with this object, never printed. Not thread-safe.
 */
final class ConfigSources {
    private final KubernetesClient client;
    private final Map<String, Optional<Map<String, String>>> secrets = new HashMap<>();
    private final Map<String, Optional<Map<String, String>>> configMaps = new HashMap<>();

    ConfigSources(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    Optional<Map<String, String>> secret(String ns, String name) {
        return secrets.computeIfAbsent(ns + "/" + name, k -> {
            Secret s = client.secrets().inNamespace(ns).withName(name).get();
            if (s == null) {
                return Optional.empty();
            }
            Map<String, String> data = new HashMap<>();
            if (s.getData() != null) {
                s.getData().forEach((key, v) -> data.put(key, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (s.getStringData() != null) {
                data.putAll(s.getStringData());
            }
            return Optional.of(data);
        });
    }

    Optional<Map<String, String>> configMap(String ns, String name) {
        return configMaps.computeIfAbsent(ns + "/" + name, k -> {
            ConfigMap m = client.configMaps().inNamespace(ns).withName(name).get();
            return m == null || m.getData() == null ? Optional.empty() : Optional.of(Map.copyOf(m.getData()));
        });
    }
}
