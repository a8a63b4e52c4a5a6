package dev.rehome.kubectl.network;

import java.util.Map;
import java.util.Objects;

/** One side of a connection as NetworkPolicies see it: a namespace with its labels, and a pod's labels. */
record Endpoint(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {
    Endpoint {
        Objects.requireNonNull(namespace, "namespace");
        namespaceLabels = Map.copyOf(namespaceLabels);
        podLabels = Map.copyOf(podLabels);
    }
}
