package dev.rehome.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readings callers depend on: what counts as absent, present, true or false. */
class FieldsTest {
    private static GenericKubernetesResource resource(Map<String, Object> spec, Map<String, Object> status) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setAdditionalProperty("spec", spec);
        r.setAdditionalProperty("status", status);
        return r;
    }

    private final GenericKubernetesResource r = resource(
            Map.of("backup", Map.of("barmanObjectStore", Map.of(), "retentionPolicy", "30d"),
                    "instances", 3, "replicas", "2", "big", "3000000000", "suspend", "TRUE", "paused", false,
                    "roles", List.of(Map.of("name", "app")), "names", List.of("a", 1)),
            Map.of("lastBackup", "2026-01-02T03:04:05Z", "broken", " ",
                    "conditions", List.of("junk", Map.of("type", "Ready", "status", "True"))));

    @Test
    void anAbsentPathAPathThroughAScalarAndAMissingResourceReadAsAbsent() {
        assertThat(Fields.value(r, "spec", "nope")).isEmpty();
        assertThat(Fields.value(r, "spec", "instances", "deeper")).isEmpty();
        assertThat(Fields.value(r, "spec", "roles", -1)).isEmpty();
        assertThat(Fields.value(r, "spec", "roles", 5)).isEmpty();
        assertThat(Fields.string(null, "spec")).isEmpty();
        assertThat(Fields.string(r, "spec", "backup", "retentionPolicy")).contains("30d");
        assertThat(Fields.string(r, "spec", "instances")).contains("3");
    }

    @Test
    void anEmptyObjectIsPresentAndAnAbsentOneIsNot() {
        assertThat(Fields.map(r, "spec", "backup", "barmanObjectStore")).contains(Map.of());
        assertThat(Fields.map(r, "spec", "backup", "volumeSnapshot")).isEmpty();
        assertThat(Fields.map(r, "spec", "backup", "retentionPolicy")).as("a scalar is not an object").isEmpty();
    }

    @Test
    void numbersReadFromNumbersOrTextAndTheIntReadingRefusesTextBeyondItsRange() {
        assertThat(Fields.number(r, "spec", "instances")).contains(3L);
        assertThat(Fields.integer(r, "spec", "replicas")).contains(2);
        assertThat(Fields.number(r, "spec", "big")).contains(3_000_000_000L);
        assertThat(Fields.integer(r, "spec", "big")).isEmpty();
        assertThat(Fields.number(r, "spec", "backup", "retentionPolicy")).isEmpty();
    }

    @Test
    void absentIsNeitherTrueNorFalse() {
        assertThat(Fields.isTrue(r, "spec", "suspend")).isTrue();
        assertThat(Fields.isFalse(r, "spec", "paused")).isTrue();
        assertThat(Fields.isTrue(r, "spec", "paused")).isFalse();
        assertThat(Fields.isTrue(r, "spec", "nope")).isFalse();
        assertThat(Fields.isFalse(r, "spec", "nope")).isFalse();
    }

    @Test
    void listsAreEmptyWhenAbsentAndKeepTheirEntries() {
        assertThat(Fields.list(r, "spec", "nope")).isEmpty();
        assertThat(Fields.strings(r, "spec", "names")).containsExactly("a", "1");
        assertThat(Fields.maps(r, "spec", "roles")).isSameAs(Fields.value(r, "spec", "roles").orElseThrow());
        assertThat(Fields.maps(r, "spec", "backup")).as("an object is not a list").isEmpty();
    }

    @Test
    void aConditionIsFoundByTypeSkippingEntriesThatAreNotObjects() {
        assertThat(Fields.condition(r, "Ready")).hasValueSatisfying(c -> assertThat(c).containsEntry("status", "True"));
        assertThat(Fields.condition(r, "ContinuousArchiving")).isEmpty();
    }

    @Test
    void timesParseOrReadAsAbsent() {
        assertThat(Fields.instant(r, "status", "lastBackup")).contains(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(Fields.instant(r, "status", "broken")).isEmpty();
        assertThat(Fields.parseInstant("yesterday")).isEmpty();
        assertThat(Fields.parseInstant(null)).isEmpty();
    }
}
