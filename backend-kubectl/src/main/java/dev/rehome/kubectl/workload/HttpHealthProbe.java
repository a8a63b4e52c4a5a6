package dev.rehome.kubectl.workload;

import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits until an HTTP endpoint answers with the expected status: a URL the caller can reach, or a path on a
 * Service reached through a port-forward bound to the loopback address only. Thread-safe.
 */
public final class HttpHealthProbe {
    private final HttpClient http;
    private final Poller poller;

    public HttpHealthProbe(HttpClient http, Poller poller) {
        this.http = Objects.requireNonNull(http, "http");
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    /** Polls {@code url} until it answers {@code expectedStatus}; returns that status. */
    public int awaitStatus(URI url, int expectedStatus, Duration timeout) {
        return poller.until(url + " to answer " + expectedStatus, timeout, () -> status(url)
                .filter(s -> s == expectedStatus));
    }

    /** Like {@link #awaitStatus} on {@code path} of a Service, through a port-forward to its {@code port}. */
    public int awaitStatusThroughService(KubernetesClient client, NamespacedName service, int port, String path,
                                         int expectedStatus, Duration timeout) throws IOException {
        try (LocalPortForward forward = client.services().inNamespace(service.namespace()).withName(service.name())
                .portForward(port, InetAddress.getLoopbackAddress(), 0)) {
            URI url = URI.create("http://127.0.0.1:" + forward.getLocalPort() + (path.startsWith("/") ? path : "/" + path));
            return awaitStatus(url, expectedStatus, timeout);
        }
    }

    private Optional<Integer> status(URI url) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.of(r.statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
