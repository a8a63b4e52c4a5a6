package dev.rehome.testkit.kube;

/** Binds a pod name to the local environment that plays it. */
@FunctionalInterface
interface PodBinder {
    void bind(String namespace, String pod, PodEnvironment environment);
}
