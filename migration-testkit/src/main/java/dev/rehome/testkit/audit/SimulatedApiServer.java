package dev.rehome.testkit.audit;

import dev.rehome.testkit.cluster.SeedTimeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * fabric8's mock API server in CRUD mode behaving a little more like a real one: custom resources of CRDs that
 * are not installed answer 404, paths a test forbids answer 403 (a Status like RBAC's), and every request is
 * recorded as {@code "GET /api/v1/pods"}.
 *
 * <p>{@link #seed(String, Instant)} and {@link #put(HasMetadata)} write straight into the CRUD store, without HTTP
 * and without being recorded, so tens of thousands of objects load in seconds. The server runs on the clock it is
 * started with: seeded timestamps are moved to it, and objects without one were created 25 days before it.
 */
public final class SimulatedApiServer implements AutoCloseable {
    /** API groups a bare cluster serves without any CRD. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("apps", "batch", "policy", "autoscaling",
            "storage.k8s.io", "networking.k8s.io", "rbac.authorization.k8s.io", "coordination.k8s.io",
            "apiextensions.k8s.io", "events.k8s.io", "discovery.k8s.io", "scheduling.k8s.io", "node.k8s.io");
    /** Cluster-scoped kinds (by path tail) that a namespace-limited user is still allowed to list. */
    /** How long before the server's now an object without a creationTimestamp was created: well before any backup. */
    private static final Duration CREATED_BEFORE_NOW = Duration.ofDays(25);
    private static final Set<String> CLUSTER_SCOPED = Set.of("/api/v1/namespaces", "/api/v1/persistentvolumes",
            "/apis/storage.k8s.io/v1/storageclasses");

    private final KubernetesCrudDispatcher crud;
    private final KubernetesMockServer server;
    private final Set<String> installedGroups;
    private final List<CustomResourceDefinitionContext> installed;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Predicate<String>> forbidden = new CopyOnWriteArrayList<>();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final AtomicLong resourceVersion = new AtomicLong(1000);
    private final AtomicLong dispatchNanos = new AtomicLong();
    private final Clock clock;

    private SimulatedApiServer(List<CustomResourceDefinitionContext> installed, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.installed = List.copyOf(installed);
        this.crud = new KubernetesCrudDispatcher(this.installed);
        this.installedGroups = installed.stream().map(CustomResourceDefinitionContext::getGroup)
                .collect(Collectors.toUnmodifiableSet());
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new Gatekeeper(), false);
    }

    /** Starts a server on a free local port with these CRDs installed, its world running on {@code clock}. */
    public static SimulatedApiServer start(List<CustomResourceDefinitionContext> installed, Clock clock) {
        SimulatedApiServer simulated = new SimulatedApiServer(installed, clock);
        simulated.server.init();
        return simulated;
    }

    /** A new client for this server; the caller closes it. */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    /**
     * Loads every document of a multi-document YAML resource on the classpath into the store, its timestamps
     * (written as seen at {@code writtenAt}) moved to this server's clock by {@link SeedTimeline}.
     */
    public void seed(String classpathResource, Instant writtenAt) {
        try (InputStream in = SimulatedApiServer.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + classpathResource);
            }
            String yaml = SeedTimeline.of(writtenAt, clock).redate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (String document : yaml.split("(?m)^---\\s*$")) {
                if (!document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                    put(serialization.unmarshal(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores one object as the API server would after a create, without an HTTP round trip. */
    public void put(HasMetadata resource) {
        var metadata = resource.getMetadata();
        if (metadata.getUid() == null) {
            metadata.setUid(UUID.randomUUID().toString());
        }
        if (metadata.getCreationTimestamp() == null) {
            metadata.setCreationTimestamp(clock.instant().minus(CREATED_BEFORE_NOW).toString());
        }
        metadata.setResourceVersion(Long.toString(resourceVersion.incrementAndGet()));
        String json = serialization.asJson(resource);
        // The same key a POST to the collection would get: attributes of the path, plus the name.
        AttributeSet key = crud.getKey(collectionPath(resource)).add(new Attribute("name", metadata.getName()));
        crud.getMap().put(key, json);
    }

    private String collectionPath(HasMetadata resource) {
        String apiVersion = resource.getApiVersion();
        String root = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        String namespace = resource.getMetadata().getNamespace();
        return root + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural(resource);
    }

    private String plural(HasMetadata resource) {
        String group = resource.getApiVersion().contains("/") ? resource.getApiVersion().split("/")[0] : "";
        return installed.stream()
                .filter(c -> c.getKind().equals(resource.getKind()) && c.getGroup().equals(group))
                .map(CustomResourceDefinitionContext::getPlural).findFirst()
                .orElseGet(() -> HasMetadata.getPlural(resource.getClass()));
    }

    /** Answers 403 to every request whose path (without query) matches. */
    public void forbid(Predicate<String> path) {
        forbidden.add(path);
    }

    /**
     * Simulates a user bound to a view Role in every namespace except {@code unreadable}, plus a ClusterRole to
     * list namespaces, PersistentVolumes and StorageClasses: cluster-wide lists of namespaced kinds are forbidden.
     */
    public void restrictToNamespaceRoles(String... unreadable) {
        forbid(path -> !path.contains("/namespaces/") && !CLUSTER_SCOPED.contains(path));
        for (String namespace : unreadable) {
            forbid(path -> path.contains("/namespaces/" + namespace + "/") || path.endsWith("/namespaces/" + namespace));
        }
    }

    /** Drops every {@link #forbid} rule: the user may read everything again. */
    public void allowEverything() {
        forbidden.clear();
    }

    /** Every request so far, in order, as {@code "METHOD /path?query"}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Clears the request record and the time spent answering. */
    public void clearRequests() {
        requests.clear();
        dispatchNanos.set(0);
    }

    /** Milliseconds the server spent composing answers since the last {@link #clearRequests()}. */
    public long serverMillis() {
        return dispatchNanos.get() / 1_000_000;
    }

    @Override
    public void close() {
        server.destroy();
    }

    /** Records, then answers 404/403 where a real API server would, else lets the CRUD store answer. */
    private final class Gatekeeper extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            long start = System.nanoTime();
            try {
                return answer(request);
            } finally {
                dispatchNanos.addAndGet(System.nanoTime() - start);
            }
        }

        private MockResponse answer(RecordedRequest request) {
            requests.add(request.getMethod() + " " + request.getPath());
            String path = request.getPath().split("\\?", 2)[0];
            if (path.startsWith("/apis/")) {
                String group = path.split("/")[2];
                if (!BUILT_IN_GROUPS.contains(group) && !installedGroups.contains(group)) {
                    return status(404, "NotFound", "the server could not find the requested resource");
                }
            }
            if (forbidden.stream().anyMatch(rule -> rule.test(path))) {
                return status(403, "Forbidden", path + " is forbidden: User \"auditor\" cannot "
                        + request.getMethod().toLowerCase() + " this resource");
            }
            return crud.dispatch(request);
        }

        private MockResponse status(int code, String reason, String message) {
            String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":" + serialization.asJson(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
        }
    }
}
