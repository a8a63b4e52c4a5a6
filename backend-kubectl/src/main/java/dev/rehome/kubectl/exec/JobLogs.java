package dev.rehome.kubectl.exec;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.Optional;

/** A Job's newest pod and the tail of its log, as {@code kubectl logs job/NAME --tail N} shows it. */
final class JobLogs {
    private JobLogs() {
    }

    static Optional<Pod> newestPod(KubernetesClient client, String namespace, String job) {
        return client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems().stream()
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
                        : p.getMetadata().getCreationTimestamp()));
    }

    static String tail(KubernetesClient client, String namespace, String job, int lines) {
        return newestPod(client, namespace, job)
                .map(p -> {
                    try {
                        return client.pods().inNamespace(namespace).withName(p.getMetadata().getName())
                                .tailingLines(lines).getLog();
                    } catch (KubernetesClientException e) {
                        return "(log of pod " + p.getMetadata().getName() + " unavailable: " + e.getMessage() + ")";
                    }
                })
                .orElse("(no pod of the Job was found)");
    }
}
