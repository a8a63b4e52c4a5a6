package dev.rehome.core.cutover;

import java.util.Objects;

/**
 * Whether NetworkPolicy in the target namespace admits the app's pods to the cluster's port, and if not, the
 * exact policy to apply and the line to add to {@code terraform/network-policies.tf}'s postgres allow list.
 */
public record NetworkVerdict(boolean admitted, String reason, String policyYaml, String terraformLine) {
    public NetworkVerdict {
        Objects.requireNonNull(reason, "reason");
        policyYaml = policyYaml == null ? "" : policyYaml;
        terraformLine = terraformLine == null ? "" : terraformLine;
    }
}
