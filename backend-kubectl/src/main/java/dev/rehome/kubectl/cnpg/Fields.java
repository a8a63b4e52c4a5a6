package dev.rehome.kubectl.cnpg;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed, null-safe reads of nested fields of a {@link GenericKubernetesResource}. */
public final class Fields {
    private Fields() {
    }

    public static Optional<Object> value(GenericKubernetesResource r, Object... path) {
        if (r == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(r.get(path));
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> string(GenericKubernetesResource r, Object... path) {
        return value(r, path).map(String::valueOf);
    }

    public static Optional<Long> number(GenericKubernetesResource r, Object... path) {
        return value(r, path).flatMap(v -> {
            if (v instanceof Number n) {
                return Optional.of(n.longValue());
            }
            try {
                return Optional.of(Long.parseLong(String.valueOf(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public static boolean flag(GenericKubernetesResource r, boolean absent, Object... path) {
        return value(r, path).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v)))
                .orElse(absent);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(GenericKubernetesResource r, Object... path) {
        return value(r, path).filter(List.class::isInstance).map(v -> (List<Map<String, Object>>) v)
                .orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(GenericKubernetesResource r, Object... path) {
        return value(r, path).filter(Map.class::isInstance).map(v -> (Map<String, Object>) v).orElse(Map.of());
    }
}
