package dev.rehome.kubectl.network;

import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates the NetworkPolicies on both ends of app pods -> CNPG pods on 5432: ingress in the cluster's
 * namespace, and egress in the app's namespace. Says nothing about whether the CNI enforces policies (an
 * unenforced policy is a silent no-op); a probe pod is the only proof of that. Thread-safe.
 */
public final class NetworkReachability {
    public static final int POSTGRES_PORT = 5432;

    private final KubernetesClient client;
    private final KubeRetry retry;

    public NetworkReachability(KubernetesClient client, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** Whether pods labelled {@code appPodLabels} in {@code appNamespace} may reach the pods of CNPG {@code cluster}. */
    public Reachability check(NamespacedName cluster, String appNamespace, Map<String, String> appPodLabels) {
        return retry.call(() -> checkOnce(cluster, appNamespace, appPodLabels));
    }

    /** Like {@link #check(NamespacedName, String, Map)} for the pods of Deployment {@code app} (its template labels). */
    public Reachability check(NamespacedName cluster, NamespacedName app) {
        var deployment = retry.call(() -> client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).get());
        if (deployment == null) {
            throw new dev.rehome.core.InvalidConfigurationException("no Deployment " + app);
        }
        return check(cluster, app.namespace(), deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    private Reachability checkOnce(NamespacedName cluster, String appNamespace, Map<String, String> appPodLabels) {
        String dbNamespace = cluster.namespace();
        Optional<Pod> dbPod = client.pods().inNamespace(dbNamespace).withLabel("cnpg.io/cluster", cluster.name())
                .list().getItems().stream().findFirst();
        Map<String, String> dbLabels = dbPod.map(p -> p.getMetadata().getLabels())
                .orElse(Map.of("cnpg.io/cluster", cluster.name(), "cnpg.io/podRole", "instance"));
        Map<String, Integer> portNames = new HashMap<>();
        dbPod.ifPresent(p -> p.getSpec().getContainers().forEach(c -> {
            if (c.getPorts() != null) {
                c.getPorts().stream().filter(port -> port.getName() != null)
                        .forEach(port -> portNames.put(port.getName(), port.getContainerPort()));
            }
        }));
        Endpoint db = new Endpoint(dbNamespace, namespaceLabels(dbNamespace), dbLabels);
        Endpoint app = new Endpoint(appNamespace, namespaceLabels(appNamespace), appPodLabels);

        var ingress = PolicyEvaluator.decide(policies(dbNamespace), PolicyEvaluator.Direction.INGRESS, db, app,
                POSTGRES_PORT, portNames);
        var egress = PolicyEvaluator.decide(policies(appNamespace), PolicyEvaluator.Direction.EGRESS, app, db,
                POSTGRES_PORT, portNames);
        List<String> reasons = new ArrayList<>(ingress.reasons());
        reasons.addAll(egress.reasons());
        if (ingress.allowed() && egress.allowed()) {
            return new Reachability(true, appNamespace, dbNamespace, POSTGRES_PORT, reasons, Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        if (!ingress.allowed()) {
            NetworkPolicy allow = allowIngress(cluster, appNamespace);
            return new Reachability(false, appNamespace, dbNamespace, POSTGRES_PORT, reasons, Optional.of(allow),
                    Optional.of(Serialization.asYaml(allow)), Optional.of("Or add \"" + appNamespace
                    + "\", to the " + dbNamespace + " ingress allow list in terraform/network-policies.tf"));
        }
        reasons.add("egress from " + appNamespace + " is restricted: add an egress rule to namespace " + dbNamespace
                + " port " + POSTGRES_PORT + " to the policy that selects the app pods");
        return new Reachability(false, appNamespace, dbNamespace, POSTGRES_PORT, reasons, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The smallest policy that admits pods of {@code appNamespace} to the cluster's pods on 5432. */
    public static NetworkPolicy allowIngress(NamespacedName cluster, String appNamespace) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-" + appNamespace + "-to-" + cluster.name())
                .withNamespace(cluster.namespace()).addToLabels("app.kubernetes.io/managed-by", "rehome").endMetadata()
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels("cnpg.io/cluster", cluster.name()).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", appNamespace).endNamespaceSelector().endFrom()
                .addNewPort().withProtocol("TCP").withNewPort(POSTGRES_PORT).endPort()
                .endIngress()
                .endSpec().build();
    }

    private List<NetworkPolicy> policies(String namespace) {
        return client.network().v1().networkPolicies().inNamespace(namespace).list().getItems();
    }

    private Map<String, String> namespaceLabels(String namespace) {
        Namespace ns = client.namespaces().withName(namespace).get();
        Map<String, String> labels = new HashMap<>(ns == null || ns.getMetadata().getLabels() == null
                ? Map.of() : ns.getMetadata().getLabels());
        // The API server sets this label on every namespace (since 1.21); older objects and mocks may lack it.
        labels.putIfAbsent("kubernetes.io/metadata.name", namespace);
        return labels;
    }
}
