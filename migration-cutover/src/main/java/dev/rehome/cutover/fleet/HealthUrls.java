package dev.rehome.cutover.fleet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/**
 * The health URL of an app as its own readiness probe defines it: {@code http://DEPLOYMENT.NS.svc.cluster.local:
 * PORT/PATH} from the first container's {@code httpGet} probe (the Service is assumed to share the Deployment's
 * name, as in the seeds; {@code --health-url} overrides).
 */
final class HealthUrls {
    private HealthUrls() {
    }

    static Optional<String> fromReadinessProbe(Deployment d) {
        if (d == null || d.getSpec().getTemplate().getSpec().getContainers() == null) {
            return Optional.empty();
        }
        for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
            var probe = c.getReadinessProbe();
            if (probe != null && probe.getHttpGet() != null && probe.getHttpGet().getPort() != null
                    && probe.getHttpGet().getPort().getIntVal() != null) {
                String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
                return Optional.of("http://" + d.getMetadata().getName() + "." + d.getMetadata().getNamespace()
                        + ".svc.cluster.local:" + probe.getHttpGet().getPort().getIntVal() + path);
            }
        }
        return Optional.empty();
    }
}
