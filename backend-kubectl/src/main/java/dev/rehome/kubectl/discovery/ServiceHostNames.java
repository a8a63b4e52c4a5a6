package dev.rehome.kubectl.discovery;

import java.util.Locale;
import java.util.Set;

/**
 * The names the cluster's DNS gives one Service: {@code svc}, {@code svc.ns}, {@code svc.ns.svc} and
 * {@code svc.ns.svc.cluster.local}, lower case. The bare {@code svc} resolves only from the Service's own namespace.
 */
public record ServiceHostNames(String service, String namespace) {
    public ServiceHostNames {
        service = service.toLowerCase(Locale.ROOT);
        namespace = namespace.toLowerCase(Locale.ROOT);
    }

    /** All four forms. */
    public Set<String> all() {
        return Set.of(service, service + "." + namespace, service + "." + namespace + ".svc",
                service + "." + namespace + ".svc.cluster.local");
    }

    /** Whether {@code host} (any case) names the Service for a client in {@code clientNamespace}. */
    public boolean reachedFrom(String clientNamespace, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return all().contains(h) && (!h.equals(service) || namespace.equals(clientNamespace.toLowerCase(Locale.ROOT)));
    }
}
