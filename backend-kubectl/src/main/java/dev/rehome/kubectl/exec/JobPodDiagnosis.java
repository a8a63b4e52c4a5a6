package dev.rehome.kubectl.exec;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why a Job's pod is not running, in the words the cluster used: the container's waiting reason
 * ({@code ImagePullBackOff}, {@code ErrImagePull}, {@code CreateContainerConfigError}), an unsatisfied
 * {@code PodScheduled} condition, and the latest Warning events of the pod and the Job ({@code FailedCreate ...
 * exceeded quota}, {@code FailedScheduling}).
 */
final class JobPodDiagnosis {
    private static final int EVENTS = 3;

    private JobPodDiagnosis() {
    }

    static String explain(KubernetesClient client, String namespace, String job, Optional<Pod> pod) {
        List<String> why = new ArrayList<>();
        if (pod.isEmpty()) {
            why.add("no pod was created");
        } else {
            Pod p = pod.get();
            String phase = p.getStatus() == null ? "Unknown" : p.getStatus().getPhase();
            why.add("pod " + p.getMetadata().getName() + " is " + phase);
            if (p.getStatus() != null) {
                for (ContainerStatus c : nonNull(p.getStatus().getContainerStatuses())) {
                    if (c.getState() != null && c.getState().getWaiting() != null) {
                        why.add(c.getName() + " waiting: " + c.getState().getWaiting().getReason()
                                + message(c.getState().getWaiting().getMessage()));
                    }
                }
                for (PodCondition cond : nonNull(p.getStatus().getConditions())) {
                    if ("PodScheduled".equals(cond.getType()) && "False".equals(cond.getStatus())) {
                        why.add("not scheduled: " + cond.getReason() + message(cond.getMessage()));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>(List.of(job));
        pod.ifPresent(p -> names.add(p.getMetadata().getName()));
        events(client, namespace, names).forEach(e -> why.add("event " + e));
        return String.join("; ", why);
    }

    private static List<String> events(KubernetesClient client, String namespace, List<String> names) {
        try {
            return client.v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> e.getInvolvedObject() != null && names.contains(e.getInvolvedObject().getName()))
                    .filter(e -> !"Normal".equals(e.getType()))
                    .sorted(Comparator.comparing(JobPodDiagnosis::when).reversed())
                    .limit(EVENTS)
                    .map(e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName() + " "
                            + e.getReason() + message(e.getMessage()))
                    .toList();
        } catch (KubernetesClientException e) {
            return List.of("(events unreadable: " + e.getMessage() + ")");
        }
    }

    private static String when(Event e) {
        return e.getLastTimestamp() != null ? e.getLastTimestamp()
                : e.getMetadata().getCreationTimestamp() != null ? e.getMetadata().getCreationTimestamp() : "";
    }

    private static String message(String m) {
        return m == null || m.isBlank() ? "" : ": " + m;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
