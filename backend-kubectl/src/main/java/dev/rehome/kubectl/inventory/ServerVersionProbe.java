package dev.rehome.kubectl.inventory;

import java.util.Optional;

/**
 * An optional port through which the audit may ask a running server its version ({@code SHOW server_version}),
 * when whoever embeds the audit holds credentials for it. The audit itself stays read-only and works without one:
 * then versions come from official images' tags or stay unknown.
 *
 * <p>Implementations must not change the server and should answer quickly; an empty answer (no credentials, not
 * reachable) or an exception leaves the version as the audit found it.
 */
@FunctionalInterface
public interface ServerVersionProbe {
    /**
     * @param namespace the data store's namespace
     * @param workload  its workload's name
     * @param kind      its workload's kind ({@code Deployment}, {@code StatefulSet}, ...)
     * @param engine    {@code postgresql}, {@code mysql}, ...
     * @param container the container that runs the server
     * @return the server's version as it reports it ({@code 16.4}), or empty when it cannot be asked
     */
    Optional<String> serverVersion(String namespace, String workload, String kind, String engine, String container);

    /** Asks nothing: the audit's default. */
    static ServerVersionProbe none() {
        return (namespace, workload, kind, engine, container) -> Optional.empty();
    }
}
