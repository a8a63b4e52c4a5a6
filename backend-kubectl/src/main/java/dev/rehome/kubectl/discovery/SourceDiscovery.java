package dev.rehome.kubectl.discovery;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Finds the standalone database behind {@code NAMESPACE/WORKLOAD} (a Deployment or StatefulSet). The data volume
 * is found only one way: the volume mounted at the container's data directory, read from the running pod's
 * spec. It is never derived from file names, labels or claim names. Thread-safe.
 */
public final class SourceDiscovery {
    static final String DEFAULT_DATA_DIR = "/var/lib/postgresql/data";
    static final String BITNAMI_DATA_DIR = "/bitnami/postgresql/data";

    private final KubernetesClient client;
    private final ServerVersionProbe versionProbe;
    private final KubeRetry retry;

    public SourceDiscovery(KubernetesClient client, ServerVersionProbe versionProbe, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.versionProbe = Objects.requireNonNull(versionProbe, "versionProbe");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    public SourceDatabase discover(NamespacedName workload) {
        return retry.call(() -> discoverOnce(workload));
    }

    private SourceDatabase discoverOnce(NamespacedName ref) {
        String ns = ref.namespace();
        Workload workload = findWorkload(ref);
        Optional<Pod> pod = runningPod(ns, workload.selector());
        // The template says what the next pod will run (env, mounts); the running pod adds the concrete claim
        // names a StatefulSet gives its pods.
        PodSpec spec = pod.map(Pod::getSpec).filter(p -> p.getVolumes() != null).orElse(workload.template());
        Container container = databaseContainer(ref, workload.template());
        var env = new EnvResolver(client, ns).resolve(container);
        boolean bitnami = PostgresImages.isBitnami(container.getImage());
        SourceCredentials credentials = bitnami ? bitnamiCredentials(env) : officialCredentials(env);
        String dataDir = env.get(bitnami ? "POSTGRESQL_DATA_DIR" : "PGDATA")
                .filter(s -> !s.isBlank()).orElse(bitnami ? BITNAMI_DATA_DIR : DEFAULT_DATA_DIR);
        DataVolume data = new DataVolumeLocator(client).locate(ref, workload, spec, container, dataDir);
        List<UntouchedClaim> untouched = new ClaimInventory(client).othersThan(ns, data.claim().name());
        Optional<Integer> serverMajor = pod.flatMap(p -> boxed(versionProbe.majorVersion(ns,
                p.getMetadata().getName(), container.getName())));
        Optional<Integer> major = serverMajor.or(() -> boxed(PostgresImages.majorHint(container.getImage())));
        return new SourceDatabase(ref, workload.kind(), pod.map(p -> p.getMetadata().getName()),
                container.getName(), container.getImage(), credentials, dataDir, data, untouched, major,
                serverMajor.isPresent(), service(ns, spec, workload));
    }

    private Workload findWorkload(NamespacedName ref) {
        Deployment d = client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
        if (d != null) {
            return new Workload("Deployment", d.getSpec().getSelector(), d.getSpec().getTemplate().getSpec(),
                    d.getSpec().getTemplate().getMetadata().getLabels(), List.of());
        }
        StatefulSet s = client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get();
        if (s != null) {
            return new Workload("StatefulSet", s.getSpec().getSelector(), s.getSpec().getTemplate().getSpec(),
                    s.getSpec().getTemplate().getMetadata().getLabels(),
                    s.getSpec().getVolumeClaimTemplates() == null ? List.of()
                            : s.getSpec().getVolumeClaimTemplates().stream().map(t -> t.getMetadata().getName()).toList());
        }
        throw new InvalidConfigurationException("no Deployment or StatefulSet " + ref
                + "; give the workload that runs the database as NAMESPACE/NAME");
    }

    private Optional<Pod> runningPod(String ns, LabelSelector selector) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return Optional.empty();
        }
        return client.pods().inNamespace(ns).withLabels(selector.getMatchLabels()).list().getItems().stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .max(Comparator.comparing(SourceDiscovery::isReady));
    }

    static boolean isReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Container databaseContainer(NamespacedName ref, PodSpec spec) {
        List<Container> servers = spec.getContainers().stream().filter(PostgresImages::isServer).toList();
        if (servers.isEmpty()) {
            throw new RefusedException("no PostgreSQL container in " + ref + " (looked for postgres, postgis, "
                    + "timescaledb, bitnami/postgresql, pgvector images or port 5432)");
        }
        if (servers.size() > 1) {
            throw new RefusedException("more than one PostgreSQL container in " + ref + ": "
                    + servers.stream().map(Container::getName).toList() + "; rehome moves one database server per workload");
        }
        return servers.get(0);
    }

    private static SourceCredentials officialCredentials(EnvResolver.ResolvedEnv env) {
        String user = env.get("POSTGRES_USER").filter(s -> !s.isBlank()).orElse("postgres");
        String db = env.get("POSTGRES_DB").filter(s -> !s.isBlank()).orElse(user);
        return credentials(env, user, env.get("POSTGRES_PASSWORD"), db,
                Map.of("user", "POSTGRES_USER", "password", "POSTGRES_PASSWORD", "database", "POSTGRES_DB"), List.of());
    }

    private static SourceCredentials bitnamiCredentials(EnvResolver.ResolvedEnv env) {
        Optional<String> appUser = env.get("POSTGRESQL_USERNAME").filter(s -> !s.isBlank());
        String user = appUser.orElse("postgres");
        Optional<String> password = appUser.isPresent() ? env.get("POSTGRESQL_PASSWORD")
                : env.get("POSTGRESQL_POSTGRES_PASSWORD").or(() -> env.get("POSTGRESQL_PASSWORD"));
        String db = env.get("POSTGRESQL_DATABASE").filter(s -> !s.isBlank()).orElse("postgres");
        // Bitnami keeps the postgres superuser apart from the app's owner role: a fence that stops the app and
        // leaves rehome a way in needs it (NOLOGIN on the app, rehome working as postgres).
        List<SourceLogin> others = appUser.isPresent() && !"postgres".equals(user)
                ? env.get("POSTGRESQL_POSTGRES_PASSWORD").filter(p -> !p.isEmpty())
                        .map(p -> List.of(new SourceLogin("postgres", Secret.of(p), "POSTGRESQL_POSTGRES_PASSWORD"
                                + Optional.ofNullable(env.origins().get("POSTGRESQL_POSTGRES_PASSWORD"))
                                        .map(o -> " from " + o).orElse(""))))
                        .orElse(List.of())
                : List.of();
        return credentials(env, user, password, db, Map.of("user", "POSTGRESQL_USERNAME",
                "password", appUser.isPresent() ? "POSTGRESQL_PASSWORD" : "POSTGRESQL_POSTGRES_PASSWORD",
                "database", "POSTGRESQL_DATABASE"), others);
    }

    private static SourceCredentials credentials(EnvResolver.ResolvedEnv env, String user, Optional<String> password,
                                                 String db, Map<String, String> vars, List<SourceLogin> others) {
        Map<String, String> origins = new LinkedHashMap<>();
        vars.forEach((part, var) -> origins.put(part,
                Optional.ofNullable(env.origins().get(var)).map(o -> var + " from " + o).orElse("default")));
        String passwordVar = vars.get("password");
        return new SourceCredentials(user, password.map(Secret::of).orElse(Secret.empty()), db, origins, others,
                password.isPresent() && env.origins().containsKey(passwordVar) ? Optional.of(passwordVar) : Optional.empty());
    }

    private Optional<String> service(String ns, PodSpec spec, Workload workload) {
        Map<String, String> labels = workload.podLabels() == null ? Map.of() : workload.podLabels();
        return client.services().inNamespace(ns).list().getItems().stream()
                .filter(s -> s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty())
                .filter(s -> labels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                .filter(s -> s.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == 5432))
                .map(s -> s.getMetadata().getName()).findFirst();
    }

    private static Optional<Integer> boxed(OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    /** What discovery needs of a workload, whatever its kind. */
    record Workload(String kind, LabelSelector selector, PodSpec template, Map<String, String> podLabels,
                    List<String> claimTemplates) {
    }

    /** The pod volume named {@code name}, if the spec declares one. */
    static Optional<Volume> volume(PodSpec spec, String name) {
        return spec.getVolumes() == null ? Optional.empty()
                : spec.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
    }

    /** The mount whose path holds {@code dataDir}: the longest mount path that is {@code dataDir} or a parent. */
    static Optional<VolumeMount> mountHolding(Container c, String dataDir) {
        if (c.getVolumeMounts() == null) {
            return Optional.empty();
        }
        String dir = stripSlash(dataDir);
        return c.getVolumeMounts().stream()
                .filter(m -> {
                    String path = stripSlash(m.getMountPath());
                    return dir.equals(path) || dir.startsWith(path.endsWith("/") ? path : path + "/");
                })
                .max(Comparator.comparingInt(m -> stripSlash(m.getMountPath()).length()));
    }

    private static String stripSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
