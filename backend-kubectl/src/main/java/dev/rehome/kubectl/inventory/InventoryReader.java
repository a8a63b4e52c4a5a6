package dev.rehome.kubectl.inventory;

import dev.rehome.core.UnreachableException;
import dev.rehome.core.audit.UnreadableResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a {@link ClusterInventory} with one list request per kind across all namespaces.
 *
 * <p>A kind the user may not list cluster-wide (RBAC 403) is listed per namespace instead, for the namespaces in
 * scope; whatever stays forbidden, and every CRD that is not installed (404), ends up in
 * {@link ClusterInventory#unreadable()}. Only an unreachable API or a refused login stops the read. The reader
 * issues GET requests only.
 */
public final class InventoryReader {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryReader.class);

    /** Lists in flight at once: enough to overlap round trips, few enough to spare a small API server. */
    private static final int PARALLEL_LISTS = 4;

    private final KubernetesClient client;

    public InventoryReader(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public ClusterInventory read(AuditScope scope) {
        Session session = new Session(scope);
        // The lists are independent: run a few at once so a slow kind (pods) overlaps the others' round trips.
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_LISTS, runnable -> {
            Thread thread = new Thread(runnable, "rehome-inventory");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var pods = pool.submit(() -> session.namespaced("pods",
                    () -> client.pods().inAnyNamespace().list().getItems(),
                    ns -> client.pods().inNamespace(ns).list().getItems()));
            var deployments = pool.submit(() -> session.namespaced("deployments",
                    () -> client.apps().deployments().inAnyNamespace().list().getItems(),
                    ns -> client.apps().deployments().inNamespace(ns).list().getItems()));
            var statefulSets = pool.submit(() -> session.namespaced("statefulsets",
                    () -> client.apps().statefulSets().inAnyNamespace().list().getItems(),
                    ns -> client.apps().statefulSets().inNamespace(ns).list().getItems()));
            var daemonSets = pool.submit(() -> session.namespaced("daemonsets",
                    () -> client.apps().daemonSets().inAnyNamespace().list().getItems(),
                    ns -> client.apps().daemonSets().inNamespace(ns).list().getItems()));
            var claims = pool.submit(() -> session.namespaced("persistentvolumeclaims",
                    () -> client.persistentVolumeClaims().inAnyNamespace().list().getItems(),
                    ns -> client.persistentVolumeClaims().inNamespace(ns).list().getItems()));
            var volumes = pool.submit(() -> session.clusterScoped("persistentvolumes",
                    () -> client.persistentVolumes().list().getItems()));
            var storageClasses = pool.submit(() -> session.clusterScoped("storageclasses.storage.k8s.io",
                    () -> client.storage().v1().storageClasses().list().getItems()));
            var services = pool.submit(() -> session.namespaced("services",
                    () -> client.services().inAnyNamespace().list().getItems(),
                    ns -> client.services().inNamespace(ns).list().getItems()));
            var cronJobs = pool.submit(() -> session.namespaced("cronjobs.batch",
                    () -> client.batch().v1().cronjobs().inAnyNamespace().list().getItems(),
                    ns -> client.batch().v1().cronjobs().inNamespace(ns).list().getItems()));
            Map<CustomKind, Future<List<GenericKubernetesResource>>> customFutures = new EnumMap<>(CustomKind.class);
            for (CustomKind kind : CustomKind.values()) {
                customFutures.put(kind, pool.submit(() -> !kind.namespaced()
                        ? session.clusterScoped(kind.displayName(),
                                () -> client.genericKubernetesResources(kind.context()).list().getItems())
                        : session.namespaced(kind.displayName(),
                        () -> client.genericKubernetesResources(kind.context()).inAnyNamespace().list().getItems(),
                        ns -> client.genericKubernetesResources(kind.context()).inNamespace(ns).list().getItems())));
            }
            Map<CustomKind, List<GenericKubernetesResource>> custom = new EnumMap<>(CustomKind.class);
            for (var entry : customFutures.entrySet()) {
                custom.put(entry.getKey(), join(entry.getValue()));
            }
            ClusterInventory inventory = new ClusterInventory(join(deployments), join(statefulSets), join(daemonSets),
                    join(pods), join(claims), join(volumes), join(storageClasses), join(services), join(cronJobs),
                    custom, session.unreadable(),
                    session.requests.get());
            LOG.debug("read the cluster inventory with {} list requests", inventory.apiRequests());
            return inventory;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the cluster inventory", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The state of one read: request count, what failed, and the namespace list for RBAC fallbacks. */
    private final class Session {
        private final AuditScope scope;
        private final List<UnreadableResource> unreadable = new ArrayList<>();
        private final AtomicInteger requests = new AtomicInteger();
        private List<String> fallbackNamespaces;

        Session(AuditScope scope) {
            this.scope = scope;
        }

        <T extends HasMetadata> List<T> namespaced(String kind, Supplier<List<T>> allNamespaces,
                                                   Function<String, List<T>> oneNamespace) {
            try {
                requests.incrementAndGet();
                // Not filtered by scope here: the auditor needs every CNPG cluster to pick a move target.
                return allNamespaces.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 403) {
                    return failed(kind, null, e);
                }
            }
            List<String> namespaces = fallbackNamespaces();
            if (namespaces.isEmpty()) {
                unreadable.add(new UnreadableResource(null, kind,
                        "forbidden cluster-wide; pass --namespace for the namespaces you may read"));
                return List.of();
            }
            List<T> items = new ArrayList<>();
            for (String namespace : namespaces) {
                try {
                    requests.incrementAndGet();
                    items.addAll(oneNamespace.apply(namespace));
                } catch (KubernetesClientException e) {
                    failed(kind, namespace, e);
                    if (e.getCode() == 404) {
                        break;
                    }
                }
            }
            return items;
        }

        <T> List<T> clusterScoped(String kind, Supplier<List<T>> all) {
            try {
                requests.incrementAndGet();
                return all.get();
            } catch (KubernetesClientException e) {
                return failed(kind, null, e);
            }
        }

        synchronized List<UnreadableResource> unreadable() {
            return List.copyOf(unreadable);
        }

        private synchronized List<String> fallbackNamespaces() {
            if (fallbackNamespaces == null) {
                if (!scope.namespaces().isEmpty()) {
                    fallbackNamespaces = scope.namespaces().stream().sorted().toList();
                } else {
                    fallbackNamespaces = namespacesInCluster();
                }
            }
            return fallbackNamespaces;
        }

        private List<String> namespacesInCluster() {
            try {
                requests.incrementAndGet();
                return client.namespaces().list().getItems().stream()
                        .map(Namespace::getMetadata).map(m -> m.getName()).sorted().toList();
            } catch (KubernetesClientException e) {
                failed("namespaces", null, e);
                return List.of();
            }
        }

        private synchronized <T> List<T> failed(String kind, String namespace, KubernetesClientException e) {
            int code = e.getCode();
            if (code == 401 || isConnectionFailure(e)) {
                throw unreachable(e);
            }
            String reason = switch (code) {
                case 403 -> "forbidden";
                case 404 -> "not installed";
                default -> "HTTP " + code + ": " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
            };
            UnreadableResource entry = new UnreadableResource(code == 404 ? null : namespace, kind, reason);
            if (!unreadable.contains(entry)) {
                unreadable.add(entry);
            }
            LOG.debug("could not read {}: {}", entry.describe(), e.getMessage());
            return List.of();
        }
    }

    private static boolean isConnectionFailure(KubernetesClientException e) {
        if (e.getCode() != 0 && e.getStatus() != null) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return e.getCode() == 0;
    }

    private UnreachableException unreachable(KubernetesClientException e) {
        String server = client.getConfiguration().getMasterUrl();
        if (e.getCode() == 401) {
            return new UnreachableException("the Kubernetes API at " + server
                    + " refused the login (401); refresh your credentials or pick another --context", e);
        }
        return new UnreachableException("cannot reach the Kubernetes API at " + server
                + "; check --kubeconfig/--context and that the cluster is up", e);
    }
}
