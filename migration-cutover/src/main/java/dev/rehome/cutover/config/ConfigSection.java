package dev.rehome.cutover.config;

import dev.rehome.core.InvalidConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One mapping of the YAML file, read key by key with a fallback for each, remembering which keys were read so
 * that {@link #finish()} can reject the ones nobody asked for. Errors name the full key path and the file.
 * Not thread-safe; used once per load.
 */
final class ConfigSection {
    private final JsonNode node;
    private final String path;
    private final String origin;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigSection(JsonNode node, String path, String origin) {
        this.node = node;
        this.path = path;
        this.origin = origin;
        if (node != null && !node.isNull() && !node.isObject()) {
            throw error(path.isEmpty() ? "the file" : "'" + path + "'", "must be a mapping of keys to values");
        }
    }

    ConfigSection section(String key) {
        return new ConfigSection(child(key), keyPath(key), origin);
    }

    String text(String key, String fallback) {
        JsonNode v = child(key);
        if (v == null) {
            return fallback;
        }
        if (v.isNull() || v.isContainer() || v.asString().isBlank()) {
            throw error("'" + keyPath(key) + "'", "needs a value (remove the key to keep the default '" + fallback + "')");
        }
        return v.asString();
    }

    Duration duration(String key, Duration fallback) {
        String text = text(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw error("'" + keyPath(key) + "'", "is not a duration like 7d, 12h, 30m, 45s or PT5M: '" + text + "'");
        }
    }

    List<String> texts(String key, List<String> fallback) {
        return list(key, fallback, item -> item.text);
    }

    /** A list whose items are read by {@code reader}; each item is a section of its own (path {@code key[i]}). */
    <T> List<T> list(String key, List<T> fallback, Function<Item, T> reader) {
        JsonNode v = child(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            throw error("'" + keyPath(key) + "'", "must be a list");
        }
        List<T> out = new ArrayList<>();
        int i = 0;
        for (JsonNode element : v.values()) {
            String at = keyPath(key) + "[" + i++ + "]";
            if (element.isNull() || (element.isString() && element.asString().isBlank())) {
                throw error("'" + at + "'", "needs a value");
            }
            ConfigSection itemSection = element.isObject() ? new ConfigSection(element, at, origin) : null;
            out.add(reader.apply(new Item(at, element.isObject() ? null : element.asString(), itemSection)));
            if (itemSection != null) {
                itemSection.finish();
            }
        }
        return out;
    }

    /** Fails on the first key of this mapping that no reader asked for. */
    void finish() {
        if (node == null || node.isNull()) {
            return;
        }
        for (String key : node.propertyNames()) {
            if (!read.contains(key)) {
                throw error("unknown key '" + keyPath(key) + "'", "is not a setting here; known keys: " + String.join(", ", read));
            }
        }
    }

    InvalidConfigurationException error(String what, String problem) {
        return new InvalidConfigurationException(origin + ": " + what + " " + problem);
    }

    private JsonNode child(String key) {
        read.add(key);
        return node == null || node.isNull() ? null : node.get(key);
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** One list element: either a scalar {@code text} or a {@code section}. */
    record Item(String path, String text, ConfigSection section) {
        ConfigSection requireSection(ConfigSection owner) {
            if (section == null) {
                throw owner.error("'" + path + "'", "must be a mapping (table:, where:, ...)");
            }
            return section;
        }
    }
}
