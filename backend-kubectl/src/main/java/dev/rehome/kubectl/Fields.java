package dev.rehome.kubectl;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, null-safe reads of a {@link GenericKubernetesResource}'s untyped fields (CNPG, Velero, K10 and operator
 * resources). These objects come from clusters we do not control, so a missing resource, a path through a scalar
 * or an index out of range reads as absent instead of failing. One value reads as an {@link Optional}; many read as
 * a list, empty when absent, because no caller tells an absent list from an empty one.
 */
public final class Fields {
    private Fields() {
    }

    public static Optional<Object> value(GenericKubernetesResource r, Object... path) {
        if (r == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(r.get(path));
        } catch (RuntimeException e) {
            return Optional.empty(); // a negative list index: the field is simply not there
        }
    }

    public static Optional<String> string(GenericKubernetesResource r, Object... path) {
        return value(r, path).map(String::valueOf);
    }

    /** A whole number, written as a number or as text; anything else is absent. */
    public static Optional<Long> number(GenericKubernetesResource r, Object... path) {
        return numeric(r, path, Number::longValue, Long::parseLong);
    }

    /** As {@link #number} in an int: text beyond the int range is absent, a number is narrowed. */
    public static Optional<Integer> integer(GenericKubernetesResource r, Object... path) {
        return numeric(r, path, Number::intValue, Integer::parseInt);
    }

    private static <N> Optional<N> numeric(GenericKubernetesResource r, Object[] path, Function<Number, N> narrow,
                                           Function<String, N> parse) {
        return value(r, path).flatMap(v -> {
            try {
                return Optional.of(v instanceof Number n ? narrow.apply(n) : parse.apply(String.valueOf(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The field says true (a boolean or the text, any case). Absent is not true. */
    public static boolean isTrue(GenericKubernetesResource r, Object... path) {
        Object v = value(r, path).orElse(null);
        return Boolean.TRUE.equals(v) || "true".equalsIgnoreCase(String.valueOf(v));
    }

    /** The field says false. Absent is not false: {@code !isFalse} reads "on unless switched off". */
    public static boolean isFalse(GenericKubernetesResource r, Object... path) {
        Object v = value(r, path).orElse(null);
        return Boolean.FALSE.equals(v) || "false".equalsIgnoreCase(String.valueOf(v));
    }

    /**
     * The object at the path; empty when absent or not an object. An empty object is present: {@code
     * barmanObjectStore: {}} is configured, however badly.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> map(GenericKubernetesResource r, Object... path) {
        return value(r, path).filter(Map.class::isInstance).map(v -> (Map<String, Object>) v);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(GenericKubernetesResource r, Object... path) {
        return value(r, path).filter(List.class::isInstance).map(v -> (List<Object>) v).orElse(List.of());
    }

    /**
     * A list of objects, as read: not a filtered copy, because a JSON patch tests it against the server's list (an
     * entry that is not an object fails where it is used).
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(GenericKubernetesResource r, Object... path) {
        return value(r, path).filter(List.class::isInstance).map(v -> (List<Map<String, Object>>) v)
                .orElse(List.of());
    }

    public static List<String> strings(GenericKubernetesResource r, Object... path) {
        return list(r, path).stream().map(String::valueOf).toList();
    }

    public static Optional<Instant> instant(GenericKubernetesResource r, Object... path) {
        return string(r, path).flatMap(Fields::parseInstant);
    }

    /** An RFC 3339 time as Kubernetes writes it; blank or malformed (a half-written status) is absent. */
    public static Optional<Instant> parseInstant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The condition of {@code type} in {@code status.conditions}; entries that are not objects are skipped. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> condition(GenericKubernetesResource r, String type) {
        return list(r, "status", "conditions").stream()
                .filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
                .map(c -> (Map<String, Object>) c).findFirst();
    }

    public static String name(GenericKubernetesResource r) {
        return r.getMetadata().getName();
    }

    public static String namespace(GenericKubernetesResource r) {
        return r.getMetadata().getNamespace();
    }
}
