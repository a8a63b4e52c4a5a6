package dev.rehome.kubectl;

import dev.rehome.core.InvalidConfigurationException;
import java.util.Objects;

/** A namespaced object's coordinates, written {@code NAMESPACE/NAME} on command lines and in plans. */
public record NamespacedName(String namespace, String name) {
    public NamespacedName {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code NAMESPACE/NAME}; throws {@link InvalidConfigurationException} naming the bad value. */
    public static NamespacedName parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new InvalidConfigurationException("expected NAMESPACE/NAME, got '" + text + "'");
        }
        return new NamespacedName(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
