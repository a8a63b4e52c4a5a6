package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A Kubernetes API in this JVM, for tests and the sandbox: fabric8's mock API server in CRUD mode (real HTTP and
 * JSON, watches, optimistic locking, CNPG CRDs installed), with pod {@code exec}, {@code portforward} and
 * {@code log} served for real.
 *
 * <pre>{@code
 * try (InProcessCluster cluster = InProcessCluster.start(); PostgresServer pg = PostgresServers.start(15)) {
 *     cluster.apply(getClass().getResourceAsStream("/dev/rehome/testkit/cluster/basketball-api.yaml"));
 *     cluster.bindPod("basketball-api", "postgres-0", PodEnvironment.postgres(pg));
 *     cluster.client().pods().inNamespace("basketball-api").withName("postgres-0").exec("pg_dump", "app");
 * }
 * }</pre>
 *
 * <p>No controllers run unless asked: {@link #startKubelet(Clock)} makes Deployments own Pods and runs Jobs as local
 * processes; {@link #startCnpgOperator(Clock)} completes Backups and keeps Cluster status.
 */
public final class InProcessCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final PodStreamingDispatcher dispatcher;
    private final SessionRegistry sessions;
    private final PodLogs logs;
    private final NamespacedKubernetesClient client;
    private final List<AutoCloseable> controllers = new ArrayList<>();
    /** Until the server is gone: closing the informers' watches at the end is when the mock's deadlock bites. */
    private final WatchCloseUnblocker unblocker = new WatchCloseUnblocker();

    private InProcessCluster(KubernetesMockServer server, PodStreamingDispatcher dispatcher, SessionRegistry sessions,
                             PodLogs logs) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.logs = logs;
        this.client = server.createClient();
    }

    /** Starts an empty cluster (CNPG CRDs installed) on a loopback port. */
    public static InProcessCluster start() {
        InProcessCluster cluster = startBare();
        CnpgResources.install(cluster.client);
        return cluster;
    }

    /**
     * Starts a cluster without any CRD, for callers that create their own (e.g. {@code ClusterSeeds.applyTo},
     * whose CRD file would otherwise conflict with the installed ones).
     */
    @SuppressWarnings("deprecation") // the mock's Context wants the mapper fabric8's own JUnit extension passes it
    public static InProcessCluster startBare() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        SessionRegistry sessions = new SessionRegistry();
        PodLogs logs = new PodLogs();
        PodStreamingDispatcher dispatcher =
                new PodStreamingDispatcher(new KubernetesMixedDispatcher(responses), sessions, logs);
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), responses, dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new InProcessCluster(server, dispatcher, sessions, logs);
    }

    /** A client for this cluster, shared and closed with it. Its default namespace is {@code test}. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** A new client of its own (the caller closes it), e.g. to prove a second process sees the same objects. */
    public NamespacedKubernetesClient newClient() {
        return server.createClient();
    }

    /** The mock server itself, for {@code expect()} scripting next to the CRUD state. */
    public KubernetesMockServer server() {
        return server;
    }

    /**
     * Makes exec and port-forward on pod {@code namespace/pod} run in {@code environment}. A pod object that does
     * not exist yet is created (Running, Ready, one container {@code postgres}); seed your own first for other
     * containers or labels.
     */
    public InProcessCluster bindPod(String namespace, String pod, PodEnvironment environment) {
        return bindPod(namespace, pod, environment, "postgres");
    }

    /** {@link #bindPod(String, String, PodEnvironment)} creating a missing pod with these container names. */
    public InProcessCluster bindPod(String namespace, String pod, PodEnvironment environment, String... containers) {
        dispatcher.bind(namespace, pod, environment);
        if (client.pods().inNamespace(namespace).withName(pod).get() == null) {
            client.resource(runningPod(namespace, pod, containers)).create();
        }
        return this;
    }

    /** fabric8 reads the pod (and checks the container) before it execs, so a bound pod must exist. */
    private static Pod runningPod(String namespace, String name, String... containers) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata();
        var spec = pod.withNewSpec();
        for (String container : containers) {
            spec.addNewContainer().withName(container).withImage("local").endContainer();
        }
        return spec.endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus()
                .build();
    }

    public InProcessCluster unbindPod(String namespace, String pod) {
        dispatcher.unbind(namespace, pod);
        return this;
    }

    /**
     * Creates (or replaces) every object of a multi-document YAML stream. A custom resource's {@code status} is
     * written through the status subresource afterwards, since the API drops it on create, so seeded manifests
     * can carry the status a controller would have set.
     */
    public List<HasMetadata> apply(InputStream yaml) {
        if (yaml == null) {
            throw new IllegalArgumentException("no YAML to apply (resource not found?)");
        }
        List<HasMetadata> applied = new ArrayList<>();
        try (yaml) {
            for (HasMetadata item : client.load(yaml).items()) {
                applied.add(applyOne(item));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return applied;
    }

    /** {@link #apply(InputStream)} for a classpath resource, e.g. {@code /dev/rehome/testkit/cluster/x.yaml}. */
    public List<HasMetadata> applyResource(String classpathResource) {
        InputStream in = InProcessCluster.class.getResourceAsStream(classpathResource);
        if (in == null) {
            throw new IllegalArgumentException("no classpath resource " + classpathResource);
        }
        return apply(in);
    }

    /**
     * Starts the fake kubelet (Deployments own ready Pods; Jobs run locally, reaching Services by their DNS names),
     * stamping times from {@code clock}; stopped with the cluster.
     */
    public FakeKubelet startKubelet(Clock clock) {
        FakeKubelet kubelet = FakeKubelet.start(client, sessions, logs, this::bindPod, dispatcher::environment, clock);
        controllers.add(kubelet);
        return kubelet;
    }

    /**
     * Starts the fake CNPG operator (Backups complete, Cluster status kept; real backups and recoveries for
     * {@link FakeCnpgOperator#serveCluster served} clusters), stamping backups from {@code clock}; stopped with the
     * cluster.
     */
    public FakeCnpgOperator startCnpgOperator(Clock clock) {
        FakeCnpgOperator operator = FakeCnpgOperator.start(client, clock, this::bindPod);
        controllers.add(operator);
        return operator;
    }

    /**
     * The name of the first pod in {@code namespace} labelled {@code key=value}, polling (up to 60 s, a bound for a
     * loaded machine, not a pace) for the fake kubelet to create it.
     */
    public String awaitPod(String namespace, String key, String value) throws InterruptedException {
        return Poll.until(() -> client.pods().inNamespace(namespace).withLabel(key, value).list().getItems(),
                pods -> !pods.isEmpty(), java.time.Duration.ofSeconds(60), "a pod " + key + "=" + value + " in "
                        + namespace).get(0).getMetadata().getName();
    }

    /** The API server URL, e.g. for a kubeconfig the CLI under test reads. */
    public String masterUrl() {
        return client.getConfiguration().getMasterUrl();
    }

    private HasMetadata applyOne(HasMetadata item) {
        if (item.getMetadata().getNamespace() == null && isNamespaced(item)) {
            item.getMetadata().setNamespace(client.getNamespace());
        }
        boolean seededStatus = item instanceof GenericKubernetesResource generic
                && generic.getAdditionalProperties().get("status") != null;
        if (seededStatus) {
            // The API drops status on create; until we write it, fake controllers must not fill in one of their own.
            var annotations = new java.util.LinkedHashMap<String, String>();
            if (item.getMetadata().getAnnotations() != null) {
                annotations.putAll(item.getMetadata().getAnnotations());
            }
            annotations.put(SEEDED_STATUS_PENDING, "true");
            item.getMetadata().setAnnotations(annotations);
        }
        HasMetadata stored = client.resource(item).createOr(NonDeletingOperation::update);
        if (seededStatus) {
            stored = writeSeededStatus((GenericKubernetesResource) item);
        }
        return stored;
    }

    /**
     * Marks an object whose manifest carries a status that {@link #apply} is about to write; fake controllers
     * leave its status alone. The annotation stays, as a record that the status came from a seed.
     */
    public static final String SEEDED_STATUS_PENDING = "testkit.rehome.dev/seeded-status";

    /** Retries on conflict: a fake controller may write its own status between our read and write. */
    private HasMetadata writeSeededStatus(GenericKubernetesResource item) {
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            GenericKubernetesResource current = client.resource(item).get();
            current.getAdditionalProperties().put("status", item.getAdditionalProperties().get("status"));
            try {
                return client.resource(current).updateStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static boolean isNamespaced(HasMetadata item) {
        String kind = item.getKind();
        return !List.of("Namespace", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
                "CustomResourceDefinition", "Node").contains(kind);
    }

    /**
     * Stops everything in the order that leaves the mock server nothing to wait for, since its shutdown gives its
     * event loops only 10 s: the controllers' informers (and their watches), then the exec/port-forward sockets and
     * the processes behind them, then the shared client, and only then the server.
     */
    @Override
    public void close() {
        for (AutoCloseable c : controllers) {
            try {
                c.close();
            } catch (Exception ignored) {
                // stopping the rest matters more
            }
        }
        sessions.killAll();
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException slowShutdown) {
            // The mock server gives its event loops 10 s to stop; on a loaded machine (a vert.x loop blocked for
            // 16 s was seen) it then throws from a test's teardown, failing a test whose assertions all passed.
            // Its port and threads are released all the same, so the world is closed; say so and go on.
            System.err.println("InProcessCluster: the mock API server took longer than 10 s to stop ("
                    + slowShutdown.getMessage() + ")");
        } finally {
            unblocker.close();
        }
    }
}
