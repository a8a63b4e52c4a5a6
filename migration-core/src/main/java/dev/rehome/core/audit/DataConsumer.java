package dev.rehome.core.audit;

import java.util.Objects;

/**
 * A workload that uses a data store: it reaches the store's Service or credentials Secret. A move must re-point
 * every one of them, not only the app it was asked about.
 *
 * @param namespace the consumer's namespace
 * @param kind      {@code Deployment}, {@code StatefulSet} or {@code CronJob}
 * @param name      the consumer's name
 * @param via       how it reaches the store, e.g. {@code env DATABASE_HOST=postgres.shop.svc (container app)}
 */
public record DataConsumer(String namespace, String kind, String name, String via) {
    public DataConsumer {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(via, "via");
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }
}
