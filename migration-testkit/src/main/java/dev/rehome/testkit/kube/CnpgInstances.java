package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The instance pods and the healthy status CNPG gives a Cluster of {@code count} instances. */
final class CnpgInstances {
    private CnpgInstances() {
    }

    static Map<String, Object> healthyStatus(String name, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(name + "-" + i);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Cluster in healthy state");
        status.put("instances", count);
        status.put("readyInstances", count);
        status.put("instanceNames", names);
        status.put("currentPrimary", name + "-1");
        status.put("targetPrimary", name + "-1");
        status.put("writeService", name + "-rw");
        status.put("readService", name + "-r");
        return status;
    }

    /** The instance pod CNPG would run, labelled as CNPG labels it, so discovery by label and exec find it. */
    static void ensurePod(KubernetesClient client, GenericKubernetesResource cluster, String podName, boolean primary) {
        String ns = cluster.getMetadata().getNamespace();
        if (client.pods().inNamespace(ns).withName(podName).get() != null) {
            return;
        }
        String role = primary ? "primary" : "replica";
        client.resource(new PodBuilder()
                .withNewMetadata().withNamespace(ns).withName(podName)
                .addToLabels("cnpg.io/cluster", cluster.getMetadata().getName())
                .addToLabels("cnpg.io/instanceName", podName)
                .addToLabels("cnpg.io/podRole", "instance")
                .addToLabels("cnpg.io/instanceRole", role)
                .addToLabels("role", role)
                .endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("ghcr.io/cloudnative-pg/postgresql")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }
}
