package dev.rehome.kubectl.network;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether app pods may reach the database pods on the port, why, and if not the NetworkPolicy that would admit
 * them ({@link #policy()}, also as {@link #policyYaml()}) and the line to add to the Terraform allow list.
 */
public record Reachability(boolean allowed, String appNamespace, String databaseNamespace, int port,
                           List<String> reasons, Optional<NetworkPolicy> policy, Optional<String> policyYaml,
                           Optional<String> terraformHint) {
    public Reachability {
        Objects.requireNonNull(appNamespace, "appNamespace");
        Objects.requireNonNull(databaseNamespace, "databaseNamespace");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(policyYaml, "policyYaml");
        Objects.requireNonNull(terraformHint, "terraformHint");
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Pods of namespace ").append(appNamespace).append(allowed ? " may" : " may NOT")
                .append(" reach the database pods in ").append(databaseNamespace).append(" on port ").append(port)
                .append('\n');
        reasons.forEach(r -> out.append("  ").append(r).append('\n'));
        policyYaml.ifPresent(y -> out.append("Apply this NetworkPolicy:\n").append(y));
        terraformHint.ifPresent(h -> out.append(h).append('\n'));
        return out.toString();
    }
}
