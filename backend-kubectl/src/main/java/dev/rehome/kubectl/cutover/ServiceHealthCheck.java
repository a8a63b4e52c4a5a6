package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.HealthCheck;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.kubectl.portforward.PodPortForward;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's health URL from the operator's machine: a cluster-internal URL ({@code http://SVC.NS.svc[.cluster.local]
 * :PORT/path}) is answered through a port-forward to one running pod behind that Service; any other URL is asked
 * directly.
 */
public final class ServiceHealthCheck implements HealthCheck {
    private static final Pattern SERVICE_HOST = Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc(\\.cluster\\.local)?\\.?");

    private final KubernetesClient client;
    private final HealthCheck direct;

    public ServiceHealthCheck(KubernetesClient client, HealthCheck direct) {
        this.client = Objects.requireNonNull(client, "client");
        this.direct = Objects.requireNonNull(direct, "direct");
    }

    @Override
    public void awaitHealthy(String url, Duration deadline) {
        URI uri = URI.create(url);
        Matcher m = SERVICE_HOST.matcher(Optional.ofNullable(uri.getHost()).orElse(""));
        if (!m.matches()) {
            direct.awaitHealthy(url, deadline);
            return;
        }
        String name = m.group(1);
        String namespace = m.group(2);
        Service service = client.services().inNamespace(namespace).withName(name).get();
        if (service == null || service.getSpec().getSelector() == null) {
            throw new InvalidConfigurationException("health URL " + url + " names Service " + namespace + "/" + name
                    + ", which does not exist or selects no pods; pass --health-url");
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        Pod pod = client.pods().inNamespace(namespace).withLabels(service.getSpec().getSelector()).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).findFirst()
                .orElseThrow(() -> new OperationFailedException("no running pod behind Service " + namespace + "/" + name
                        + " to ask " + url + "; check the app's pods"));
        try (PodPortForward forward = PodPortForward.open(client, namespace, pod.getMetadata().getName(),
                targetPort(service, pod, port))) {
            direct.awaitHealthy(uri.getScheme() + "://" + forward.host() + ":" + forward.localPort()
                    + Optional.ofNullable(uri.getRawPath()).filter(p -> !p.isEmpty()).orElse("/")
                    + Optional.ofNullable(uri.getRawQuery()).map(q -> "?" + q).orElse(""), deadline);
        }
    }

    /** The container port the Service port leads to: a number as given, a name looked up in the pod. */
    private static int targetPort(Service service, Pod pod, int port) {
        ServicePort sp = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst()
                .orElseThrow(() -> new InvalidConfigurationException("Service " + service.getMetadata().getNamespace()
                        + "/" + service.getMetadata().getName() + " has no port " + port + "; pass --health-url"));
        if (sp.getTargetPort() == null) {
            return port;
        }
        if (sp.getTargetPort().getIntVal() != null) {
            return sp.getTargetPort().getIntVal();
        }
        String named = sp.getTargetPort().getStrVal();
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> named.equals(p.getName())).map(p -> p.getContainerPort()).findFirst()
                .orElseThrow(() -> new InvalidConfigurationException("no container port named '" + named + "' in pod "
                        + pod.getMetadata().getName() + "; pass --health-url"));
    }
}
