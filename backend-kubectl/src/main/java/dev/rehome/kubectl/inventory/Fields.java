package dev.rehome.kubectl.inventory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed, null-safe reads from a custom resource's untyped fields. */
final class Fields {
    private Fields() {
    }

    static Object raw(GenericKubernetesResource resource, Object... path) {
        try {
            return resource.get(path);
        } catch (RuntimeException e) {
            // a path through a scalar or a list index out of range: the field is simply not there
            return null;
        }
    }

    static String string(GenericKubernetesResource resource, Object... path) {
        Object value = raw(resource, path);
        return value == null ? null : value.toString();
    }

    static boolean isTrue(GenericKubernetesResource resource, Object... path) {
        Object value = raw(resource, path);
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    static boolean isFalse(GenericKubernetesResource resource, Object... path) {
        Object value = raw(resource, path);
        return Boolean.FALSE.equals(value) || "false".equalsIgnoreCase(String.valueOf(value));
    }

    static Optional<Integer> integer(GenericKubernetesResource resource, Object... path) {
        Object value = raw(resource, path);
        if (value instanceof Number number) {
            return Optional.of(number.intValue());
        }
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.toString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(GenericKubernetesResource resource, Object... path) {
        Object value = raw(resource, path);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(GenericKubernetesResource resource, Object... path) {
        Object value = raw(resource, path);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(GenericKubernetesResource resource, Object... path) {
        return list(resource, path).stream().map(String::valueOf).toList();
    }

    static Optional<Instant> instant(GenericKubernetesResource resource, Object... path) {
        return parseInstant(string(resource, path));
    }

    static Optional<Instant> parseInstant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The status of a condition of {@code type} in {@code status.conditions}, or null when absent. */
    static Map<String, Object> condition(GenericKubernetesResource resource, String type) {
        for (Object entry : list(resource, "status", "conditions")) {
            if (entry instanceof Map<?, ?> condition && type.equals(condition.get("type"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) condition;
                return typed;
            }
        }
        return null;
    }

    static String name(GenericKubernetesResource resource) {
        return resource.getMetadata().getName();
    }

    static String namespace(GenericKubernetesResource resource) {
        return resource.getMetadata().getNamespace();
    }
}
