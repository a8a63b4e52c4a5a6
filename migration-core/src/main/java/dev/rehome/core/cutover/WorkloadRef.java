package dev.rehome.core.cutover;

import java.util.Objects;

/** A Deployment by namespace and name. */
public record WorkloadRef(String namespace, String name) {
    public WorkloadRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
