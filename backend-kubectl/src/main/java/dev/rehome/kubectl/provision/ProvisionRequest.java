package dev.rehome.kubectl.provision;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.cutover.CutoverNames;
import dev.rehome.kubectl.NamespacedName;
import java.util.Objects;

/**
 * What to provision: role {@code role} owning database {@code database} on CNPG {@code cluster}, and the
 * connection Secret {@code appSecret} in the app's namespace. {@code planId} goes into the ownership marker.
 * Names rehome creates are restricted to {@code [a-z_][a-z0-9_]*} (at most 63), so they need no quoting
 * surprises anywhere (SQL, Secret keys, URLs).
 */
public record ProvisionRequest(NamespacedName cluster, String database, String role, NamespacedName appSecret,
                               String planId) {
    public ProvisionRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(planId, "planId");
        CutoverNames.targetIdentifier("database", database);
        CutoverNames.targetIdentifier("role", role);
        if (planId.isBlank() || !planId.matches("[A-Za-z0-9._-]{1,63}")) {
            throw new InvalidConfigurationException("plan id '" + planId + "' must be 1-63 of [A-Za-z0-9._-]");
        }
    }

    /** The marker rehome leaves on everything it creates for this plan. */
    public String marker() {
        return "rehome:" + planId;
    }

    /** The basic-auth Secret in the cluster's namespace that CNPG reads the role's password from. */
    public String roleSecretName() {
        return CutoverNames.inObjectName(role) + "-credentials";
    }

    /** The Database CR's name. */
    public String databaseObjectName() {
        return cluster.name() + "-" + CutoverNames.inObjectName(database);
    }
}
