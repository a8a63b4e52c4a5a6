package dev.rehome.kubectl.discovery;

import java.util.OptionalInt;

/**
 * Asks the running source server for its major version (e.g. {@code SHOW server_version_num} through pod exec,
 * or {@code cat $PGDATA/PG_VERSION}). Discovery falls back to the image tag when there is no probe or it cannot
 * answer.
 */
@FunctionalInterface
public interface ServerVersionProbe {
    OptionalInt majorVersion(String namespace, String pod, String container);

    static ServerVersionProbe none() {
        return (namespace, pod, container) -> OptionalInt.empty();
    }
}
