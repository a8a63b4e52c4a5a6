package dev.rehome.core.audit;

import java.util.Objects;

/**
 * Something the audit could not read, so its answer there is "unknown".
 *
 * @param namespace the namespace, or {@code null} when the whole cluster-wide list failed
 * @param kind      the kind, e.g. {@code deployments} or {@code schedules.velero.io}
 * @param reason    {@code forbidden} (RBAC 403), {@code not installed} (the CRD does not exist) or the API's message
 */
public record UnreadableResource(String namespace, String kind, String reason) {
    public UnreadableResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public String describe() {
        return (namespace == null ? "all namespaces" : "namespace " + namespace) + ": " + kind + " (" + reason + ")";
    }
}
