package dev.rehome.kubectl.workload;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.cutover.WorkloadRef.Kind;
import dev.rehome.kubectl.NamespacedName;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets or removes one env var of one container of a workload's pod template with a JSON patch of that entry alone,
 * retried when the object changed meanwhile (409). {@code guard} is asked first (ArgoCD). Thread-safe.
 */
final class EnvPatches {
    private static final Logger LOG = LoggerFactory.getLogger(EnvPatches.class);
    private static final int HTTP_CONFLICT = 409;
    private static final int ENV_PATCH_ATTEMPTS = 5;

    private final WorkloadObjects objects;
    private final BiConsumer<HasMetadata, String> guard;

    EnvPatches(WorkloadObjects objects, BiConsumer<HasMetadata, String> guard) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    Optional<EnvVar> replace(Kind kind, NamespacedName ref, String containerName, String name,
                                        Optional<EnvVar> next) {
        for (int attempt = 1; ; attempt++) {
            try {
                return replaceOnce(kind, ref, containerName, name, next);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HTTP_CONFLICT || attempt >= ENV_PATCH_ATTEMPTS) {
                    throw e;
                }
                LOG.info("{} '{}' changed while env {} was being set (attempt {}); reading it again",
                        kind.label(), ref, name, attempt);
            }
        }
    }

    /**
     * A JSON patch of just this one env entry, guarded by the resourceVersion read (a concurrent change is a 409,
     * and the caller reads again) and by tests of names only: no env value of the app (another var may hold an API
     * key) goes to the API server as a precondition, and only the new entry's value is sent at all.
     */
    private Optional<EnvVar> replaceOnce(Kind kind, NamespacedName ref, String containerName, String name,
                                            Optional<EnvVar> next) {
        HasMetadata d = objects.get(kind, ref);
        guard.accept(d, "change env " + name);
        List<Container> containers = WorkloadObjects.podSpec(d).getContainers();
        Container c = containers.stream().filter(x -> x.getName().equals(containerName)).findFirst()
                .orElseThrow(() -> new InvalidConfigurationException(kind.label() + " " + ref + " has no container '"
                        + containerName + "'; containers: " + containers.stream().map(Container::getName).toList()));
        List<EnvVar> env = Optional.ofNullable(c.getEnv()).orElse(List.of());
        Optional<EnvVar> before = env.stream().filter(e -> e.getName().equals(name)).findFirst();
        if (before.equals(next)) {
            return before;
        }
        String containerPath = WorkloadObjects.podSpecPath(kind) + "/containers/" + containers.indexOf(c);
        String envPath = containerPath + "/env";
        int index = env.indexOf(before.orElse(null));
        List<Map<String, Object>> ops = new ArrayList<>();
        // The resourceVersion read, set in the patched object: the API server answers 409 when it has moved on.
        ops.add(Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", d.getMetadata().getResourceVersion()));
        ops.add(Map.of("op", "test", "path", containerPath + "/name", "value", containerName));
        if (index >= 0) {
            ops.add(Map.of("op", "test", "path", envPath + "/" + index + "/name", "value", name));
            ops.add(next.isPresent() ? Map.of("op", "replace", "path", envPath + "/" + index, "value", next.get())
                    : Map.of("op", "remove", "path", envPath + "/" + index));
        } else if (next.isPresent()) {
            ops.add(c.getEnv() == null ? Map.of("op", "add", "path", envPath, "value", List.of(next.get()))
                    : Map.of("op", "add", "path", envPath + "/-", "value", next.get()));
        }
        objects.resource(kind, ref).patch(PatchContext.of(PatchType.JSON), Serialization.asJson(ops));
        LOG.info("{} '{}' container '{}': env {} {}", kind.label(), ref, containerName, name,
                next.isPresent() ? "set" : "removed");
        return before;
    }
}
