package dev.rehome.kubectl.exec;

import java.util.Objects;

/** One key of a Kubernetes Secret in the namespace where a Job runs; how Jobs get passwords, never as literals. */
public record SecretKeyRef(String secretName, String key) {
    public SecretKeyRef {
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(key, "key");
    }
}
