package dev.rehome.core;

import java.util.Objects;

/**
 * One difference between source and target, naming exactly what differs and both values, e.g.
 * {@code rows: public.players: source 76, target 75}.
 *
 * @param check  the check that found it: {@code rows}, {@code checksum}, {@code sequence}, {@code schema},
 *               {@code large-objects}, {@code ownership}, {@code invariant}
 * @param object the table, sequence or object it is about, as {@code schema.name} or {@code kind schema.name}
 * @param source the value in the source ({@code "missing"} when absent)
 * @param target the value in the target ({@code "missing"} when absent)
 */
public record Finding(String check, String object, String source, String target) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(object, "object");
        source = source == null ? "missing" : source;
        target = target == null ? "missing" : target;
    }

    public String describe() {
        return check + ": " + object + ": source " + source + ", target " + target;
    }
}
