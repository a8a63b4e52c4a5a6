package dev.rehome.kubectl.inventory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The ways into one database: the host names of the Services that select its pods and the Secrets its own
 * container takes credentials from. {@link #reachedBy} tells whether another pod spec reaches it through env, envFrom
 * or a mounted Secret, and says how.
 *
 * @param namespace the database's namespace
 * @param services  names of the Services in that namespace that select its pods
 * @param secrets   names of the Secrets its container reads (env secretKeyRef, envFrom)
 */
record DatabaseLinks(String namespace, Set<String> services, Set<String> secrets) {
    /** Variables whose whole value may be a bare host name; {@code POSTGRES_USER=postgres} names a user. */
    private static final Pattern HOST_VARIABLE = Pattern.compile("(?i)HOST|ADDR|SERVER|ENDPOINT|URL|URI|DSN|SERVICE");

    DatabaseLinks {
        services = Set.copyOf(services);
        secrets = Set.copyOf(secrets);
    }

    static DatabaseLinks of(Workload database, String containerName, List<Service> allServices) {
        Set<String> services = new TreeSet<>();
        for (Service service : allServices) {
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            if (database.namespace().equals(service.getMetadata().getNamespace()) && selector != null
                    && !selector.isEmpty() && database.podLabels().entrySet().containsAll(selector.entrySet())) {
                services.add(service.getMetadata().getName());
            }
        }
        Set<String> secrets = new TreeSet<>();
        for (Container container : list(database.podSpec().getContainers())) {
            if (!container.getName().equals(containerName)) {
                continue;
            }
            for (EnvVar env : list(container.getEnv())) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    secrets.add(env.getValueFrom().getSecretKeyRef().getName());
                }
            }
            for (EnvFromSource from : list(container.getEnvFrom())) {
                if (from.getSecretRef() != null) {
                    secrets.add(from.getSecretRef().getName());
                }
            }
        }
        return new DatabaseLinks(database.namespace(), services, secrets);
    }

    /**
     * How a pod spec in {@code namespace} reaches this database, one phrase per container and way, e.g.
     * {@code env DATABASE_HOST=postgres (container app)}; empty when it does not.
     */
    List<String> reachedBy(String podNamespace, PodSpec spec) {
        List<String> ways = new ArrayList<>();
        boolean sameNamespace = namespace.equals(podNamespace);
        for (Container container : containers(spec)) {
            String in = " (container " + container.getName() + ")";
            for (EnvVar env : list(container.getEnv())) {
                if (env.getValue() != null) {
                    hostIn(env.getValue(), sameNamespace, HOST_VARIABLE.matcher(env.getName()).find()).ifPresent(h -> ways.add("env " + env.getName() + " names "
                            + "Service host " + h + in));
                } else if (sameNamespace && env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null
                        && secrets.contains(env.getValueFrom().getSecretKeyRef().getName())) {
                    ways.add("env " + env.getName() + " from Secret " + env.getValueFrom().getSecretKeyRef().getName() + in);
                }
            }
            for (EnvFromSource from : list(container.getEnvFrom())) {
                if (sameNamespace && from.getSecretRef() != null && secrets.contains(from.getSecretRef().getName())) {
                    ways.add("envFrom Secret " + from.getSecretRef().getName() + in);
                }
            }
            List<String> words = words(container);
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i).replaceFirst("^(--host=|-h)(?=.)", "");
                // A bare word is a host only after -h/--host (psql -U postgres names a user, not a host).
                boolean hostFlag = i > 0 && (words.get(i - 1).equals("-h") || words.get(i - 1).equals("--host"))
                        || !word.equals(words.get(i));
                hostIn(word, sameNamespace, hostFlag).ifPresent(h -> ways.add("command names Service host " + h + in));
            }
        }
        if (sameNamespace) {
            for (Volume volume : list(spec.getVolumes())) {
                mountedSecret(volume).filter(secrets::contains).ifPresent(secret ->
                        ways.add("volume " + volume.getName() + " mounts Secret " + secret));
            }
        }
        return ways.stream().distinct().toList();
    }

    /**
     * The Service host a value names. The bare name ({@code postgres}) counts only as the whole value or as the
     * host of a URL, since {@code POSTGRES_USER=postgres} is not a host; qualified names count anywhere.
     */
    private Optional<String> hostIn(String value, boolean sameNamespace, boolean wholeValueIsHost) {
        for (String service : services) {
            String qualified = Pattern.quote(service + "." + namespace) + "(\\.svc(\\.cluster\\.local)?)?";
            if (Pattern.compile("(^|[^A-Za-z0-9.-])" + qualified + "($|[^A-Za-z0-9-])").matcher(value).find()) {
                return Optional.of(service + "." + namespace);
            }
            if (sameNamespace && (wholeValueIsHost && value.equals(service)
                    || Pattern.compile("(//|@)" + Pattern.quote(service) + "($|[:/?])").matcher(value).find())) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mountedSecret(Volume volume) {
        if (volume.getSecret() != null) {
            return Optional.ofNullable(volume.getSecret().getSecretName());
        }
        if (volume.getProjected() != null && volume.getProjected().getSources() != null) {
            return volume.getProjected().getSources().stream().filter(s -> s.getSecret() != null)
                    .map(s -> s.getSecret().getName()).findFirst();
        }
        return Optional.empty();
    }

    private static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>(list(spec.getInitContainers()));
        all.addAll(list(spec.getContainers()));
        return all;
    }

    /** Command and args split on blanks, so a shell line's {@code -h postgres} is seen. */
    static List<String> words(Container container) {
        List<String> words = new ArrayList<>();
        for (List<String> part : List.of(list(container.getCommand()), list(container.getArgs()))) {
            for (String arg : part) {
                words.addAll(List.of(arg.trim().split("\\s+")));
            }
        }
        return words;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
