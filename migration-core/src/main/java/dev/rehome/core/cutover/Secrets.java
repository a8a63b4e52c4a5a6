package dev.rehome.core.cutover;

import dev.rehome.core.Secret;
import java.util.Map;
import java.util.Optional;

/** Port: Kubernetes Secrets rehome writes (credentials, the app's connection URL). Values are {@link Secret}s. */
public interface Secrets {
    Optional<Map<String, Secret>> read(String namespace, String name);

    /** Creates or replaces the Secret, labelled as rehome's (and without any ArgoCD tracking label). */
    void put(String namespace, String name, Map<String, Secret> data);

    void delete(String namespace, String name);
}
