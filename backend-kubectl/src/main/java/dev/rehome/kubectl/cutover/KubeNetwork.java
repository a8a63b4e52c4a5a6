package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.Network;
import dev.rehome.core.cutover.NetworkVerdict;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.network.NetworkReachability;
import dev.rehome.kubectl.network.Reachability;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The NetworkPolicy verdict for the app's pod labels, through backend-kubectl's policy evaluator. */
public final class KubeNetwork implements Network {
    private final KubernetesClient client;
    private final NetworkReachability reachability;

    public KubeNetwork(KubernetesClient client, NetworkReachability reachability) {
        this.client = Objects.requireNonNull(client, "client");
        this.reachability = Objects.requireNonNull(reachability, "reachability");
    }

    @Override
    public NetworkVerdict verdict(WorkloadRef app, String targetNamespace, String cluster) {
        var d = client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
        if (d == null) {
            throw new RefusedException("Deployment " + app + " does not exist");
        }
        Map<String, String> labels = Optional.ofNullable(d.getSpec().getTemplate().getMetadata().getLabels()).orElse(Map.of());
        Reachability r = reachability.check(new NamespacedName(targetNamespace, cluster), app.namespace(), labels);
        return new NetworkVerdict(r.allowed(), String.join("; ", r.reasons()), r.policyYaml().orElse(""),
                r.terraformHint().orElse(""));
    }
}
