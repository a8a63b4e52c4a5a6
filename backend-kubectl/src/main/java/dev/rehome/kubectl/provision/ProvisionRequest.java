package dev.rehome.kubectl.provision;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.kubectl.NamespacedName;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to provision: role {@code role} owning database {@code database} on CNPG {@code cluster}, and the
 * connection Secret {@code appSecret} in the app's namespace. {@code planId} goes into the ownership marker.
 * Names rehome creates are restricted to {@code [a-z_][a-z0-9_]*} (at most 63), so they need no quoting
 * surprises anywhere (SQL, Secret keys, URLs).
 */
public record ProvisionRequest(NamespacedName cluster, String database, String role, NamespacedName appSecret,
                               String planId) {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern RESERVED = Pattern.compile("postgres|template[01]|streaming_replica|pg_.*|cnpg_.*");

    public ProvisionRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(planId, "planId");
        check("database", database);
        check("role", role);
        if (planId.isBlank() || !planId.matches("[A-Za-z0-9._-]{1,63}")) {
            throw new InvalidConfigurationException("plan id '" + planId + "' must be 1-63 of [A-Za-z0-9._-]");
        }
    }

    private static void check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches() || RESERVED.matcher(name).matches()) {
            throw new InvalidConfigurationException(what + " name '" + name + "' must match [a-z_][a-z0-9_]{0,62} and "
                    + "not be reserved (postgres, template0/1, streaming_replica, pg_*, cnpg_*)");
        }
    }

    /** The marker rehome leaves on everything it creates for this plan. */
    public String marker() {
        return "rehome:" + planId;
    }

    /** The basic-auth Secret in the cluster's namespace that CNPG reads the role's password from. */
    public String roleSecretName() {
        return role.replace('_', '-') + "-credentials";
    }

    /** The Database CR's name. */
    public String databaseObjectName() {
        return cluster.name() + "-" + database.replace('_', '-');
    }
}
