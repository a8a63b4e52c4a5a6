package dev.rehome.fleet.audit;

import dev.rehome.core.InvalidConfigurationException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.File;
import java.nio.file.Files;
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
        return (kubeconfig, context) -> {
            Optional<Path> file = kubeconfig.or(() -> Optional.ofNullable(env.get("KUBECONFIG"))
                            .filter(v -> !v.isBlank()).map(v -> Path.of(v.split(File.pathSeparator)[0])))
                    .or(() -> Optional.of(home.resolve(".kube").resolve("config")).filter(Files::isRegularFile));
            Config config;
            try {
                if (file.isPresent()) {
                    if (!Files.isRegularFile(file.get())) {
                        throw new InvalidConfigurationException("kubeconfig " + file.get()
                                + " does not exist; pass --kubeconfig FILE or set KUBECONFIG");
                    }
                    config = Config.fromKubeconfig(context.orElse(null), file.get().toFile());
                } else {
                    config = Config.autoConfigure(context.orElse(null));
                }
            } catch (KubernetesClientException e) {
                throw new InvalidConfigurationException("cannot use kubeconfig " + file.map(Path::toString)
                        .orElse("(auto)") + (context.map(c -> " with context " + c).orElse("")) + ": " + e.getMessage(), e);
            }
            // fabric8 retries a refused connection ten times with exponential backoff (about 40 s); an audit
            // should say "cannot reach" about as fast as kubectl does, and still ride out a brief blip.
            config.setRequestRetryBackoffLimit(2);
            return new KubernetesClientBuilder().withConfig(config).build();
        };
    }
}
