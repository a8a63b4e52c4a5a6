package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a kubelet gives a container: literal {@code env} values, {@code valueFrom.secretKeyRef} and
 * {@code envFrom.secretRef} read from Secrets in the pod's namespace. A missing Secret or key fails the container,
 * as {@code CreateContainerConfigError} does.
 */
final class ContainerEnvironment {
    private final KubernetesClient client;

    ContainerEnvironment(KubernetesClient client) {
        this.client = client;
    }

    Map<String, String> resolve(String namespace, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getSecretRef() != null) {
                Map<String, String> data = secretData(namespace, from.getSecretRef().getName());
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                data.forEach((k, v) -> env.put(prefix + k, v));
            }
        }
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                env.put(var.getName(), secretValue(namespace, var.getValueFrom().getSecretKeyRef()));
            } else if (var.getValueFrom() == null) {
                env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
            }
        }
        return env;
    }

    private String secretValue(String namespace, SecretKeySelector ref) {
        String value = secretData(namespace, ref.getName()).get(ref.getKey());
        if (value == null) {
            throw new IllegalStateException("CreateContainerConfigError: couldn't find key " + ref.getKey()
                    + " in Secret " + namespace + "/" + ref.getName());
        }
        return value;
    }

    private Map<String, String> secretData(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new IllegalStateException("CreateContainerConfigError: secret \"" + name + "\" not found");
        }
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) ->
                    data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }
}
