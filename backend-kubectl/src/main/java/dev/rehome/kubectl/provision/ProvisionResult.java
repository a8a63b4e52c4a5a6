package dev.rehome.kubectl.provision;

import dev.rehome.kubectl.NamespacedName;
import java.util.List;
import java.util.Objects;

/**
 * What provisioning did: where the role's password and the app's connection Secret are, how the role and
 * database were created, and one line per action taken ({@code reused ...} on reruns). No secrets.
 */
public record ProvisionResult(String role, String database, NamespacedName roleSecret, NamespacedName appSecret,
                              String roleMethod, String databaseMethod, List<String> actions) {
    public ProvisionResult {
        Objects.requireNonNull(roleSecret, "roleSecret");
        Objects.requireNonNull(appSecret, "appSecret");
        actions = List.copyOf(actions);
    }
}
