package dev.rehome.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A kubeconfig file for a CLI under test: one context naming {@code server} (an in-process cluster, or nothing). */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    public static Path write(Path dir, String server) {
        try {
            Path file = Files.createTempFile(dir, "kubeconfig", ".yaml");
            Files.writeString(file, String.join("\n", List.of("apiVersion: v1", "kind: Config",
                    "clusters:", "- name: test", "  cluster:", "    server: " + server, "    insecure-skip-tls-verify: true",
                    "users:", "- name: test", "  user:", "    token: test-token",
                    "contexts:", "- name: test", "  context:", "    cluster: test", "    user: test",
                    "current-context: test", "")), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a kubeconfig in " + dir, e);
        }
    }
}
