package dev.rehome.fleet.audit;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Opens a Kubernetes client the way kubectl picks its cluster. */
@FunctionalInterface
public interface KubeClientFactory {
    /**
     * @param kubeconfig {@code --kubeconfig}, when given
     * @param context    {@code --context}, when given; else the kubeconfig's current context
     */
    KubernetesClient connect(Optional<Path> kubeconfig, Optional<String> context);

    /**
     * kubectl's order: {@code --kubeconfig}, else the first file of {@code KUBECONFIG}, else
     * {@code ~/.kube/config}, else fabric8's auto-configuration (in-cluster service account).
     */
    static KubeClientFactory kubectlLike(Map<String, String> env, Path home) {
        return new dev.rehome.kubectl.KubeClients(env, home)::connect;
    }
}
