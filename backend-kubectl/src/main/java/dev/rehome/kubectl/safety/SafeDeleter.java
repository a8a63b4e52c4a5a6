package dev.rehome.kubectl.safety;

import dev.rehome.core.RefusedException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes exactly the object version that was verified earlier, or nothing. The UID is compared before the
 * call (a same-name object recreated since has another UID), and the delete carries a resourceVersion
 * precondition, so the API server answers 409 if the object changed in between. Deletes are never retried.
 * Thread-safe.
 */
public final class SafeDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(SafeDeleter.class);

    private final KubernetesClient client;

    public SafeDeleter(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** What was verified: the object's kind and name for messages, and the UID and resourceVersion to match. */
    public record Expected(String description, String uid, String resourceVersion) {
        public Expected {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(resourceVersion, "resourceVersion");
        }
    }

    /** Deletes a PVC by namespace and name if it is still the one {@code expected} describes. */
    public void deletePersistentVolumeClaim(String namespace, String name, Expected expected) {
        delete(expected, c -> c.persistentVolumeClaims().inNamespace(namespace).withName(name));
    }

    /** Deletes a Deployment by namespace and name if it is still the one {@code expected} describes. */
    public void deleteDeployment(String namespace, String name, Expected expected) {
        delete(expected, c -> c.apps().deployments().inNamespace(namespace).withName(name));
    }

    /** Deletes a Service by namespace and name if it is still the one {@code expected} describes. */
    public void deleteService(String namespace, String name, Expected expected) {
        delete(expected, c -> c.services().inNamespace(namespace).withName(name));
    }

    public <T extends HasMetadata> void delete(Expected expected, Function<KubernetesClient, Resource<T>> locate) {
        Resource<T> resource = locate.apply(client);
        T current = resource.get();
        if (current == null) {
            throw new RefusedException(expected.description() + " no longer exists; nothing was deleted");
        }
        if (!expected.uid().equals(current.getMetadata().getUid())) {
            throw new RefusedException(expected.description() + " has UID " + current.getMetadata().getUid()
                    + ", not the verified " + expected.uid() + ": it was recreated; nothing was deleted");
        }
        if (!expected.resourceVersion().equals(current.getMetadata().getResourceVersion())) {
            throw new RefusedException(expected.description() + " changed since it was verified (resourceVersion "
                    + expected.resourceVersion() + " -> " + current.getMetadata().getResourceVersion()
                    + "); verify it again; nothing was deleted");
        }
        try {
            resource.lockResourceVersion(expected.resourceVersion()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new RefusedException(expected.description() + " changed while being deleted; nothing was deleted", e);
            }
            throw e;
        }
        LOG.info("Deleted {} (uid {})", expected.description(), expected.uid());
    }
}
