package dev.rehome.core.audit;

import java.util.Objects;

/**
 * One fact a coverage verdict rests on, so a reader can check it with {@code kubectl get}: the object, the field
 * and what it holds, and what that means for the data.
 *
 * @param object  the object, as {@code Kind namespace/name} (or {@code Kind name} when cluster-scoped)
 * @param field   the field path read, e.g. {@code spec.template.defaultVolumesToFsBackup}
 * @param value   what the field holds ({@code "(absent)"} when the verdict rests on its absence)
 * @param meaning what that means for this data, one short clause
 */
public record Evidence(String object, String field, String value, String meaning) {
    public Evidence {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        value = value == null ? "(absent)" : value;
        meaning = meaning == null ? "" : meaning;
    }

    /** {@code Schedule velero/nightly spec.template.defaultVolumesToFsBackup=true: copies the volume's files}. */
    public String describe() {
        return object + " " + field + "=" + value + (meaning.isEmpty() ? "" : ": " + meaning);
    }
}
