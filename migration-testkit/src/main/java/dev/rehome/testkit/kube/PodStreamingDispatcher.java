package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands every request to fabric8's mixed dispatcher (expectations first, then CRUD) except the pod subresources a
 * kubelet serves: {@code exec} and {@code portforward} become WebSockets backed by local processes and sockets, and
 * {@code log} returns what fake pods printed. Names a real API server would refuse are refused
 * ({@link ObjectNameRules}).
 */
final class PodStreamingDispatcher extends Dispatcher implements Resetable, CustomResourceAware {
    private final KubernetesMixedDispatcher api;
    private final Map<String, PodEnvironment> pods = new ConcurrentHashMap<>();
    private final SessionRegistry sessions;
    private final PodLogs logs;

    PodStreamingDispatcher(KubernetesMixedDispatcher api, SessionRegistry sessions, PodLogs logs) {
        this.api = api;
        this.sessions = sessions;
        this.logs = logs;
    }

    void bind(String namespace, String pod, PodEnvironment environment) {
        pods.put(namespace + "/" + pod, environment);
    }

    /** The environment bound to {@code namespace/pod}, if any. */
    Optional<PodEnvironment> environment(String namespace, String pod) {
        return Optional.ofNullable(pods.get(namespace + "/" + pod));
    }

    void unbind(String namespace, String pod) {
        pods.remove(namespace + "/" + pod);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Optional<PodSubresourceRequest> sub = PodSubresourceRequest.parse(request.getPath());
        if (sub.isEmpty()) {
            return ObjectNameRules.violation(request).orElseGet(() -> api.dispatch(request));
        }
        PodSubresourceRequest r = sub.get();
        if (r.subresource().equals("log")) {
            return servedLog(request, r);
        }
        Optional<PodEnvironment> environment = environmentOf(r);
        if (environment.isEmpty()) {
            return notFound(r);
        }
        if (r.subresource().equals("exec")) {
            if (r.all("command").isEmpty()) {
                return new MockResponse().setResponseCode(400).setBody(status(400, "BadRequest", "you must specify at least 1 command"));
            }
            return new MockResponse().setResponseCode(101)
                    .withWebSocketUpgrade(new ExecSession(r, environment.get(), sessions));
        }
        return new MockResponse().setResponseCode(101)
                .withWebSocketUpgrade(new PortForwardSession(r, environment.get(), sessions));
    }

    /** A bound pod, or an unbound pod object that exists (it gets an empty environment). */
    private Optional<PodEnvironment> environmentOf(PodSubresourceRequest r) {
        PodEnvironment bound = pods.get(r.podKey());
        if (bound != null) {
            return Optional.of(bound);
        }
        MockResponse pod = api.dispatch(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.GET,
                "/api/v1/namespaces/" + r.namespace() + "/pods/" + r.pod(),
                io.fabric8.mockwebserver.http.Headers.builder().build(), null));
        return pod.code() == 200 ? Optional.of(PodEnvironment.empty()) : Optional.empty();
    }

    private MockResponse servedLog(RecordedRequest request, PodSubresourceRequest r) {
        if (!logs.has(r.namespace(), r.pod())) {
            return notFound(r);
        }
        Integer tail = r.first("tailLines").map(Integer::valueOf).orElse(null);
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                .setBody(logs.read(r.namespace(), r.pod(), tail));
    }

    private static MockResponse notFound(PodSubresourceRequest r) {
        return new MockResponse().setResponseCode(404)
                .setBody(status(404, "NotFound", "pods \\\"" + r.pod() + "\\\" not found"));
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    @Override
    public void reset() {
        api.reset();
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext rdc) {
        api.expectCustomResource(rdc);
    }

    @Override
    public void shutdown() {
        api.shutdown();
    }
}
