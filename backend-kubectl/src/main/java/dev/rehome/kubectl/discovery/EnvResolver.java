package dev.rehome.kubectl.discovery;

import dev.rehome.core.RefusedException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a container's environment as Kubernetes would at start: {@code envFrom} (Secret and ConfigMap, with
 * prefixes) first, then {@code env} (literals, {@code secretKeyRef}, {@code configMapKeyRef}) overriding it.
 * Values stay inside {@link ResolvedEnv}; only their origins are ever shown.
 */
final class EnvResolver {
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Map<String, String>> secretCache = new HashMap<>();

    EnvResolver(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    ResolvedEnv resolve(Container container) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getSecretRef() != null) {
                    String name = from.getSecretRef().getName();
                    secret(name, Boolean.TRUE.equals(from.getSecretRef().getOptional())).forEach((k, v) -> {
                        values.put(prefix + k, v);
                        origins.put(prefix + k, "Secret " + namespace + "/" + name + " key " + k);
                    });
                } else if (from.getConfigMapRef() != null) {
                    String name = from.getConfigMapRef().getName();
                    configMap(name).forEach((k, v) -> {
                        values.put(prefix + k, v);
                        origins.put(prefix + k, "ConfigMap " + namespace + "/" + name + " key " + k);
                    });
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar e : container.getEnv()) {
                resolveOne(e, values, origins);
            }
        }
        return new ResolvedEnv(values, origins);
    }

    private void resolveOne(EnvVar e, Map<String, String> values, Map<String, String> origins) {
        if (e.getValueFrom() == null) {
            values.put(e.getName(), e.getValue() == null ? "" : e.getValue());
            origins.put(e.getName(), "literal in the workload");
            return;
        }
        var secretRef = e.getValueFrom().getSecretKeyRef();
        var configRef = e.getValueFrom().getConfigMapKeyRef();
        if (secretRef != null) {
            Map<String, String> data = secret(secretRef.getName(), Boolean.TRUE.equals(secretRef.getOptional()));
            Optional.ofNullable(data.get(secretRef.getKey())).ifPresent(v -> {
                values.put(e.getName(), v);
                origins.put(e.getName(), "Secret " + namespace + "/" + secretRef.getName() + " key " + secretRef.getKey());
            });
        } else if (configRef != null) {
            Optional.ofNullable(configMap(configRef.getName()).get(configRef.getKey())).ifPresent(v -> {
                values.put(e.getName(), v);
                origins.put(e.getName(), "ConfigMap " + namespace + "/" + configRef.getName() + " key " + configRef.getKey());
            });
        }
    }

    private Map<String, String> secret(String name, boolean optional) {
        return secretCache.computeIfAbsent(name, n -> {
            var secret = client.secrets().inNamespace(namespace).withName(n).get();
            if (secret == null) {
                if (optional) {
                    return Map.of();
                }
                throw new RefusedException("Secret " + namespace + "/" + n + " referenced by the database container "
                        + "does not exist; fix the workload or name the credentials explicitly");
            }
            Map<String, String> out = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) ->
                        out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                out.putAll(secret.getStringData());
            }
            return out;
        });
    }

    private Map<String, String> configMap(String name) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        return cm == null || cm.getData() == null ? Map.of() : cm.getData();
    }

    /** Environment values and where each came from. {@link #toString()} shows origins only. */
    record ResolvedEnv(Map<String, String> values, Map<String, String> origins) {
        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public String toString() {
            return origins.toString();
        }
    }
}
