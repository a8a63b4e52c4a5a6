package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.DataConsumer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every Deployment, StatefulSet and CronJob that reaches a database through its Service (env values, URLs,
 * {@code -h} arguments) or its credentials Secret (env, envFrom, mounted files). Read-only: a move must re-point
 * each of them, and the audit lists them so nobody is surprised by the second app on the same database.
 *
 * <p>Pod specs are indexed once by namespace and by the {@code service.namespace} host names they mention, so
 * each database looks at its own namespace and at the specs that name it, not at the whole cluster.
 *
 * <p>Not found: consumers that take the host from a ConfigMap (the audit does not read ConfigMaps), or that
 * reach the database by pod IP or through a proxy with its own Service.
 */
final class ConsumerFinder {
    private static final Pattern QUALIFIED_HOST = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)");

    /** A pod spec that may reach a database, and the object it comes from. */
    record Candidate(String namespace, String kind, String name, HasMetadata owner, PodSpec spec) {
    }

    /** A candidate that does reach it, and how. */
    record Reach(Candidate candidate, List<String> ways) {
        DataConsumer consumer() {
            return new DataConsumer(candidate.namespace(), candidate.kind(), candidate.name(), String.join("; ", ways));
        }
    }

    private final ClusterInventory inventory;
    private final Map<String, List<Candidate>> byNamespace = new HashMap<>();
    private final Map<String, List<Candidate>> byQualifiedHost = new HashMap<>();

    ConsumerFinder(ClusterInventory inventory) {
        this.inventory = inventory;
        inventory.deployments().forEach(d -> index(new Candidate(d.getMetadata().getNamespace(), "Deployment",
                d.getMetadata().getName(), d, d.getSpec().getTemplate().getSpec())));
        inventory.statefulSets().forEach(s -> index(new Candidate(s.getMetadata().getNamespace(), "StatefulSet",
                s.getMetadata().getName(), s, s.getSpec().getTemplate().getSpec())));
        inventory.cronJobs().forEach(c -> index(new Candidate(c.getMetadata().getNamespace(), "CronJob",
                c.getMetadata().getName(), c, c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec())));
    }

    /** The consumers of the database that {@code containerName} of {@code database} runs, sorted. */
    List<DataConsumer> consumersOf(Workload database, String containerName) {
        return reaches(database, DatabaseLinks.of(database, containerName, inventory.services())).stream()
                .map(Reach::consumer)
                .sorted(Comparator.comparing(DataConsumer::namespace).thenComparing(DataConsumer::kind)
                        .thenComparing(DataConsumer::name))
                .toList();
    }

    /** Every candidate that reaches the database, the database itself excepted. */
    List<Reach> reaches(Workload database, DatabaseLinks links) {
        Set<Candidate> candidates = new LinkedHashSet<>(byNamespace.getOrDefault(database.namespace(), List.of()));
        links.services().forEach(s -> candidates.addAll(byQualifiedHost.getOrDefault(s + "." + database.namespace(),
                List.of())));
        List<Reach> reaches = new ArrayList<>();
        for (Candidate candidate : candidates) {
            boolean itself = candidate.namespace().equals(database.namespace())
                    && candidate.name().equals(database.name()) && candidate.kind().equals(database.kind());
            if (!itself) {
                List<String> ways = links.reachedBy(candidate.namespace(), candidate.spec());
                if (!ways.isEmpty()) {
                    reaches.add(new Reach(candidate, ways));
                }
            }
        }
        return reaches;
    }

    private void index(Candidate candidate) {
        if (candidate.spec() == null) {
            return;
        }
        byNamespace.computeIfAbsent(candidate.namespace(), n -> new ArrayList<>()).add(candidate);
        Set<String> hosts = new LinkedHashSet<>();
        List<Container> containers = new ArrayList<>(list(candidate.spec().getContainers()));
        containers.addAll(list(candidate.spec().getInitContainers()));
        for (Container container : containers) {
            list(container.getEnv()).stream().map(EnvVar::getValue).filter(v -> v != null).forEach(v -> hosts(v, hosts));
            DatabaseLinks.words(container).forEach(w -> hosts(w, hosts));
        }
        hosts.forEach(h -> byQualifiedHost.computeIfAbsent(h, k -> new ArrayList<>()).add(candidate));
    }

    private static void hosts(String value, Set<String> hosts) {
        Matcher matcher = QUALIFIED_HOST.matcher(value);
        while (matcher.find()) {
            hosts.add(matcher.group(1) + "." + matcher.group(3));
        }
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
