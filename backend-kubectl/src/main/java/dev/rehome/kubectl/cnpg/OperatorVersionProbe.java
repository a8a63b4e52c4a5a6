package dev.rehome.kubectl.cnpg;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the CNPG operator version: the {@code cnpg.io/operatorVersion} annotation the operator puts on the
 * {@code cnpg-default-monitoring} ConfigMap in the cluster's namespace (readable with namespace RBAC only), else
 * the image tag of the operator Deployment (label {@code app.kubernetes.io/name=cloudnative-pg}, any namespace).
 */
public final class OperatorVersionProbe {
    private final KubernetesClient client;

    public OperatorVersionProbe(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public Optional<CnpgVersion> versionFor(String clusterNamespace) {
        try {
            ConfigMap monitoring = client.configMaps().inNamespace(clusterNamespace)
                    .withName("cnpg-default-monitoring").get();
            if (monitoring != null && monitoring.getMetadata().getAnnotations() != null) {
                Optional<CnpgVersion> v = CnpgVersion.parse(
                        monitoring.getMetadata().getAnnotations().get("cnpg.io/operatorVersion"));
                if (v.isPresent()) {
                    return v;
                }
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
        }
        return fromOperatorDeployment();
    }

    private Optional<CnpgVersion> fromOperatorDeployment() {
        try {
            for (Deployment d : client.apps().deployments().inAnyNamespace()
                    .withLabel("app.kubernetes.io/name", "cloudnative-pg").list().getItems()) {
                for (var c : d.getSpec().getTemplate().getSpec().getContainers()) {
                    Optional<CnpgVersion> v = CnpgVersion.parse(c.getImage());
                    if (v.isPresent()) {
                        return v;
                    }
                }
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
        }
        return Optional.empty();
    }
}
