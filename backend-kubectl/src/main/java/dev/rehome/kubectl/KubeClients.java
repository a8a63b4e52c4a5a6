package dev.rehome.kubectl;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.UnreachableException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Opens a Kubernetes client the way kubectl picks its cluster, and proves the cluster answers. */
public final class KubeClients {
    private final Map<String, String> env;
    private final Path home;

    /** {@code env} and {@code home} are the process's environment and home directory (passed in for tests). */
    public KubeClients(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /**
     * kubectl's order: {@code --kubeconfig}, else the first file of {@code KUBECONFIG}, else
     * {@code ~/.kube/config}, else fabric8's auto-configuration (in-cluster service account).
     */
    public KubernetesClient connect(Optional<Path> kubeconfig, Optional<String> context) {
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
            throw new InvalidConfigurationException("cannot use kubeconfig " + file.map(Path::toString).orElse("(auto)")
                    + context.map(c -> " with context " + c).orElse("") + ": " + e.getMessage(), e);
        }
        // fabric8 retries a refused connection ten times with exponential backoff (about 40 s); say "cannot
        // reach" about as fast as kubectl does, and still ride out a brief blip.
        config.setRequestRetryBackoffLimit(2);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** {@link #connect}, then one cheap request; a cluster that does not answer is exit 4 with one line. */
    public KubernetesClient connectReachable(Optional<Path> kubeconfig, Optional<String> context) {
        KubernetesClient client = connect(kubeconfig, context);
        try {
            client.getKubernetesVersion();
            return client;
        } catch (KubernetesClientException e) {
            String url = client.getConfiguration().getMasterUrl();
            client.close();
            throw new UnreachableException("cannot reach the Kubernetes API at " + url
                    + context.map(c -> " (context " + c + ")").orElse("") + ": " + firstLine(e)
                    + "; check --kubeconfig/--context and that the cluster is up", e);
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
