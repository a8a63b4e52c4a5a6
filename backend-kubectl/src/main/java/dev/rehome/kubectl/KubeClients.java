package dev.rehome.kubectl;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.UnreachableException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
     * kubectl's order: {@code --kubeconfig}, else every file of {@code KUBECONFIG} merged (the first file to name a
     * context, cluster or user wins; missing files are skipped), else {@code ~/.kube/config}, else the pod's
     * service account when running in a cluster. With none of these, a usage error that says so, instead of a
     * later "cannot reach https://kubernetes.default.svc/".
     */
    public KubernetesClient connect(Optional<Path> kubeconfig, Optional<String> context) {
        List<Path> files = kubeconfigFiles(kubeconfig);
        Config config;
        try {
            if (!files.isEmpty()) {
                config = Config.empty();
                KubeConfigUtils.merge(config, context.orElse(null), files.stream()
                        .map(f -> KubeConfigUtils.parseConfig(f.toFile()))
                        .toArray(io.fabric8.kubernetes.api.model.Config[]::new));
            } else if (inCluster()) {
                config = Config.autoConfigure(context.orElse(null));
            } else {
                throw new InvalidConfigurationException("no kubeconfig: pass --kubeconfig FILE, set KUBECONFIG or create "
                        + home.resolve(".kube").resolve("config") + " (as kubectl needs), or use --sandbox to try rehome "
                        + "without a cluster");
            }
        } catch (KubernetesClientException e) {
            throw new InvalidConfigurationException("cannot use kubeconfig " + files.stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator))
                    + context.map(c -> " with context " + c).orElse("") + ": " + e.getMessage(), e);
        }
        // fabric8 retries a refused connection ten times with exponential backoff (about 40 s); say "cannot
        // reach" about as fast as kubectl does, and still ride out a brief blip.
        config.setRequestRetryBackoffLimit(2);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private List<Path> kubeconfigFiles(Optional<Path> kubeconfig) {
        if (kubeconfig.isPresent()) {
            if (!Files.isRegularFile(kubeconfig.get())) {
                throw new InvalidConfigurationException("kubeconfig " + kubeconfig.get()
                        + " does not exist; pass --kubeconfig FILE or set KUBECONFIG");
            }
            return List.of(kubeconfig.get());
        }
        String variable = env.getOrDefault("KUBECONFIG", "");
        if (!variable.isBlank()) {
            List<Path> listed = Arrays.stream(variable.split(File.pathSeparator)).filter(p -> !p.isBlank())
                    .map(Path::of).toList();
            List<Path> present = listed.stream().filter(Files::isRegularFile).toList();
            if (present.isEmpty()) {
                throw new InvalidConfigurationException("no file named in KUBECONFIG exists (" + variable
                        + "); fix KUBECONFIG or pass --kubeconfig FILE");
            }
            return present;
        }
        Path standard = home.resolve(".kube").resolve("config");
        return Files.isRegularFile(standard) ? List.of(standard) : List.of();
    }

    private boolean inCluster() {
        return env.containsKey("KUBERNETES_SERVICE_HOST");
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
