/**
 * rehome against the Kubernetes API (fabric8): {@link dev.rehome.kubectl.KubeBackend} bundles the source and
 * target discovery, provisioning on the shared CloudNativePG cluster, workload control, network reachability,
 * backups, data-safety guards, the Lease lock and the ConfigMap journal around one {@code KubernetesClient}.
 */
package dev.rehome.kubectl;
