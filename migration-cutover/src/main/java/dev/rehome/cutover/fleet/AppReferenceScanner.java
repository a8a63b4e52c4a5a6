package dev.rehome.cutover.fleet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the app workloads (Deployments, StatefulSets, CronJobs) of a namespace whose env points at the standalone
 * database's Service, by literal value or through the Secret or ConfigMap key the env var reads, and those that
 * reach it through {@code envFrom} or a mounted file ({@link IndirectReferences}). Reads only;
 * Secret values are compared and dropped, never kept or printed. Not thread-safe (caches one namespace's objects).
 */
public final class AppReferenceScanner {
    private static final Map<String, List<String>> COMPANION_SUFFIXES = new LinkedHashMap<>();

    static {
        COMPANION_SUFFIXES.put("user", List.of("USER", "USERNAME"));
        COMPANION_SUFFIXES.put("password", List.of("PASSWORD", "PASS"));
        COMPANION_SUFFIXES.put("port", List.of("PORT"));
        COMPANION_SUFFIXES.put("dbname", List.of("NAME", "DB", "DATABASE"));
    }

    private final KubernetesClient client;
    private final ConfigSources sources;
    private final IndirectReferences indirect;

    public AppReferenceScanner(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.sources = new ConfigSources(client);
        this.indirect = new IndirectReferences(sources);
    }

    /** Every reference to Service {@code service} in {@code namespace}, skipping the database's own workload. */
    public List<AppReference> scan(String namespace, String service, String databaseWorkload) {
        ServiceHostMatcher matcher = new ServiceHostMatcher(service, namespace);
        List<AppReference> out = new ArrayList<>();
        client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .filter(d -> !d.getMetadata().getName().equals(databaseWorkload))
                .forEach(d -> scan("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate().getSpec(),
                        namespace, matcher, out));
        client.apps().statefulSets().inNamespace(namespace).list().getItems().stream()
                .filter(s -> !s.getMetadata().getName().equals(databaseWorkload))
                .forEach(s -> scan("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate().getSpec(),
                        namespace, matcher, out));
        client.batch().v1().cronjobs().inNamespace(namespace).list().getItems()
                .forEach(c -> scan("CronJob", c.getMetadata().getName(),
                        c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(), namespace, matcher, out));
        return out;
    }

    private void scan(String kind, String name, PodSpec spec, String ns, ServiceHostMatcher matcher,
                      List<AppReference> out) {
        if (spec == null || spec.getContainers() == null) {
            return;
        }
        for (Container c : spec.getContainers()) {
            List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
            for (EnvVar e : env) {
                Optional<Resolved> value = resolve(ns, e);
                // A bare host only under a var that says it is one: POSTGRES_USER=postgres beside a Service called
                // postgres is a user name, and re-pointing it at the new host would break the workload.
                value.flatMap(v -> IndirectReferences.match(e.getName(), v.value(), matcher).map(style ->
                        new AppReference(kind, name, c.getName(), e.getName(), style, v.via(),
                                style == AppReference.Style.HOST ? companions(e.getName(), env) : Map.of())))
                        .ifPresent(out::add);
            }
            out.addAll(indirect.scan(kind, name, spec, c, ns, matcher));
        }
    }

    /** Sibling vars of a host var: {@code DATABASE_HOST} has {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, ... */
    static Map<String, String> companions(String hostVar, List<EnvVar> env) {
        String prefix = hostVar.replaceFirst("(HOST|HOSTNAME|SERVER|ADDR|ADDRESS)$", "");
        Set<String> names = new java.util.HashSet<>();
        env.forEach(e -> names.add(e.getName()));
        Map<String, String> out = new LinkedHashMap<>();
        COMPANION_SUFFIXES.forEach((part, suffixes) -> suffixes.stream().map(s -> prefix + s)
                .filter(n -> !n.equals(hostVar) && names.contains(n)).findFirst().ifPresent(n -> out.put(part, n)));
        return out;
    }

    private Optional<Resolved> resolve(String ns, EnvVar e) {
        if (e.getValue() != null) {
            return Optional.of(new Resolved(e.getValue(), "literal"));
        }
        if (e.getValueFrom() == null) {
            return Optional.empty();
        }
        var sk = e.getValueFrom().getSecretKeyRef();
        if (sk != null) {
            return sources.secret(ns, sk.getName()).map(d -> d.get(sk.getKey()))
                    .map(v -> new Resolved(v, "Secret " + sk.getName() + " key " + sk.getKey()));
        }
        var ck = e.getValueFrom().getConfigMapKeyRef();
        if (ck != null) {
            return sources.configMap(ns, ck.getName()).map(d -> d.get(ck.getKey()))
                    .map(v -> new Resolved(v, "ConfigMap " + ck.getName() + " key " + ck.getKey()));
        }
        return Optional.empty();
    }

    private record Resolved(String value, String via) {
    }
}
