package dev.rehome.cutover.fleet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the references rehome cannot re-point by patching the workload: a Secret or ConfigMap key taken whole
 * through {@code envFrom}, and a Secret or ConfigMap key mounted as a file (the whole file, or one of its lines,
 * alone or as {@code key=value}, names the Service). Re-pointing those means rewriting that Secret or ConfigMap,
 * which the user owns. A bare host counts only under a key that names a host ({@code DB_HOST}, {@code server:}):
 * a user called {@code postgres} beside a Service called {@code postgres} must not block a move. Reads only.
 * Not thread-safe.
 */
final class IndirectReferences {
    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z0-9_.-]+)\\s*[=:]\\s*(\\S.*)$");
    private static final Pattern HOST_KEY = Pattern.compile("(?i)host|server|addr");

    private final ConfigSources sources;

    IndirectReferences(ConfigSources sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    List<AppReference> scan(String kind, String name, PodSpec spec, Container c, String ns, ServiceHostMatcher matcher) {
        List<AppReference> out = new ArrayList<>();
        // An env entry of the same name wins over envFrom, so only keys it does not shadow are read from there.
        Set<String> explicit = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream().map(EnvVar::getName)
                .collect(Collectors.toSet());
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
            Source src = from.getSecretRef() != null ? new Source("Secret", from.getSecretRef().getName(),
                    sources.secret(ns, from.getSecretRef().getName()))
                    : from.getConfigMapRef() != null ? new Source("ConfigMap", from.getConfigMapRef().getName(),
                    sources.configMap(ns, from.getConfigMapRef().getName())) : null;
            if (src == null) {
                continue;
            }
            src.data().orElse(Map.of()).forEach((key, value) -> {
                if (!explicit.contains(prefix + key)) {
                    match(key, value, matcher).ifPresent(style -> out.add(new AppReference(kind, name, c.getName(),
                            prefix + key, style, "envFrom " + src.kind() + " " + src.name() + " key " + key, Map.of(),
                            AppReference.Channel.ENV_FROM)));
                }
            });
        }
        for (VolumeMount m : Optional.ofNullable(c.getVolumeMounts()).orElse(List.of())) {
            Optional.ofNullable(spec.getVolumes()).orElse(List.of()).stream()
                    .filter(v -> v.getName().equals(m.getName())).findFirst()
                    .ifPresent(v -> files(kind, name, c, m, v, ns, matcher, out));
        }
        return out;
    }

    private void files(String kind, String name, Container c, VolumeMount m, Volume v, String ns,
                       ServiceHostMatcher matcher, List<AppReference> out) {
        Source src = v.getSecret() != null ? new Source("Secret", v.getSecret().getSecretName(),
                sources.secret(ns, v.getSecret().getSecretName()))
                : v.getConfigMap() != null ? new Source("ConfigMap", v.getConfigMap().getName(),
                sources.configMap(ns, v.getConfigMap().getName())) : null;
        if (src == null) {
            return;
        }
        List<KeyToPath> items = v.getSecret() != null ? v.getSecret().getItems() : v.getConfigMap().getItems();
        src.data().orElse(Map.of()).forEach((key, value) -> {
            Optional<String> path = items == null || items.isEmpty() ? Optional.of(key)
                    : items.stream().filter(i -> i.getKey().equals(key)).map(KeyToPath::getPath).findFirst();
            String sub = m.getSubPath();
            Optional<String> file = path.filter(p -> sub == null || sub.isEmpty() || sub.equals(p))
                    .map(p -> sub == null || sub.isEmpty() ? m.getMountPath() + "/" + p : m.getMountPath());
            file.ifPresent(f -> matchFile(key, value, matcher).ifPresent(style -> out.add(new AppReference(kind, name,
                    c.getName(), f, style, src.kind() + " " + src.name() + " key " + key + " mounted as a file",
                    Map.of(), AppReference.Channel.FILE))));
        });
    }

    /** The whole file, or any line of it alone or after {@code key=} / {@code key:}, naming the Service. */
    static Optional<AppReference.Style> matchFile(String fileKey, String content, ServiceHostMatcher matcher) {
        Optional<AppReference.Style> whole = match(fileKey, content, matcher);
        if (whole.isPresent()) {
            return whole;
        }
        for (String line : content.split("\\R")) {
            Matcher kv = KEY_VALUE.matcher(line.strip());
            Optional<AppReference.Style> s = match("", line, matcher).or(() -> kv.matches()
                    ? match(kv.group(1), kv.group(2).replaceAll("^[\"']|[\"']$", ""), matcher) : Optional.empty());
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** A URL naming the Service anywhere; a bare host only under a key that says it is one. */
    static Optional<AppReference.Style> match(String key, String value, ServiceHostMatcher matcher) {
        return matcher.match(value).filter(style -> style == AppReference.Style.URL
                || HOST_KEY.matcher(key).find());
    }

    private record Source(String kind, String name, Optional<Map<String, String>> data) {
    }
}
