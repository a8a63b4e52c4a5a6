package dev.rehome.cutover.fleet;

import java.util.Objects;
import java.util.Optional;

/**
 * What an operator may override in a derived plan: the role and database names on the target, the app's health
 * URL, and whether an ArgoCD-managed app may be patched in the cluster directly (its self-heal would revert the
 * change; the safe path is {@code --gitops-dir}). Immutable.
 */
public record FleetOptions(Optional<String> role, Optional<String> database, Optional<String> healthUrl,
                           boolean allowArgoPatch) {
    public FleetOptions {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(healthUrl, "healthUrl");
    }

    public static FleetOptions defaults() {
        return new FleetOptions(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public FleetOptions withHealthUrl(String url) {
        return new FleetOptions(role, database, Optional.ofNullable(url), allowArgoPatch);
    }
}
