package dev.rehome.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.InvalidConfigurationException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster is found the way kubectl finds it. */
class KubeClientsTest {
    @TempDir
    Path home;

    private Path kubeconfig(String name, String context, String server, boolean current) throws Exception {
        return Files.writeString(home.resolve(name), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster: {server: "%2$s"}
                users:
                - name: %1$s
                  user: {token: "t-%1$s"}
                contexts:
                - name: %1$s
                  context: {cluster: %1$s, user: %1$s, namespace: ns-%1$s}
                %3$s
                """.formatted(context, server, current ? "current-context: " + context : ""));
    }

    private String server(Map<String, String> env, Optional<Path> flag, Optional<String> context) {
        try (KubernetesClient client = new KubeClients(env, home).connect(flag, context)) {
            return client.getConfiguration().getMasterUrl();
        }
    }

    @Test
    void everyFileOfKubeconfigIsMergedAsKubectlDoes() throws Exception {
        Path first = kubeconfig("first.yaml", "dev", "https://dev.example:6443", true);
        Path second = kubeconfig("second.yaml", "prod", "https://prod.example:6443", false);
        Map<String, String> env = Map.of("KUBECONFIG", first + File.pathSeparator + second);

        assertThat(server(env, Optional.empty(), Optional.empty())).startsWith("https://dev.example:6443");
        assertThat(server(env, Optional.empty(), Optional.of("prod")))
                .as("a context only the second file names").startsWith("https://prod.example:6443");
        Map<String, String> withMissing = Map.of("KUBECONFIG",
                home.resolve("gone.yaml") + File.pathSeparator + second);
        assertThat(server(withMissing, Optional.empty(), Optional.of("prod"))).startsWith("https://prod.example:6443");
    }

    @Test
    void theFlagWinsOverTheVariable() throws Exception {
        Path first = kubeconfig("first.yaml", "dev", "https://dev.example:6443", true);
        Path flag = kubeconfig("flag.yaml", "lab", "https://lab.example:6443", true);
        assertThat(server(Map.of("KUBECONFIG", first.toString()), Optional.of(flag), Optional.empty()))
                .startsWith("https://lab.example:6443");
    }

    @Test
    void noKubeconfigAnywhereIsAUsageErrorThatSaysSo() {
        assertThatThrownBy(() -> new KubeClients(Map.of(), home).connect(Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no kubeconfig").hasMessageContaining("--kubeconfig").hasMessageContaining("KUBECONFIG");
        assertThatThrownBy(() -> new KubeClients(Map.of("KUBECONFIG", home.resolve("nope").toString()), home)
                .connect(Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no file named in KUBECONFIG");
    }
}
