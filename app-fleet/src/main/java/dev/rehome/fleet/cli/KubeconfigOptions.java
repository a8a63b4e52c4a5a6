package dev.rehome.fleet.cli;

import dev.rehome.fleet.audit.KubeClientFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --context}, as kubectl takes them, for the commands that read a cluster. */
final class KubeconfigOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig to use (default: KUBECONFIG, then ~/.kube/config)")
    private Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current one)")
    private String context;

    KubernetesClient connect(KubeClientFactory clients) {
        return clients.connect(Optional.ofNullable(kubeconfig), Optional.ofNullable(context));
    }
}
