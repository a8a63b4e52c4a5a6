package dev.rehome.kubectl.exec;

import java.util.Objects;

/** One container of one pod: where a command runs. */
public record PodRef(String namespace, String pod, String container) {
    /** CNPG's database container; {@code kubectl cnpg psql} execs there. */
    public static final String CNPG_CONTAINER = "postgres";

    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(container, "container");
    }

    /** {@code in pod 'ns/name' container 'c'}, for messages. */
    public String describe() {
        return "in pod '" + namespace + "/" + pod + "' container '" + container + "'";
    }
}
