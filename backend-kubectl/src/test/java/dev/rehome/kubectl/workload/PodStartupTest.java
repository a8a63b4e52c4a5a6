package dev.rehome.kubectl.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app's start-up as its pods report it, for the downtime estimate. */
class PodStartupTest {
    @Test
    void theNewestReadyPodsStartToReadyIsTheAnswer() {
        Pod older = pod("2026-12-04T08:00:00Z", "True", "2026-12-04T08:00:30Z");
        Pod newer = pod("2026-12-04T09:00:00Z", "True", "2026-12-04T09:00:07Z");

        assertThat(PodStartup.newestReady(List.of(older, newer))).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void podsThatAreNotReadyOrSayNothingUsableGiveNoAnswer() {
        assertThat(PodStartup.newestReady(List.of(
                pod("2026-12-04T09:00:00Z", "False", "2026-12-04T09:00:07Z"),
                pod(null, "True", "2026-12-04T09:00:07Z"),
                pod("not a time", "True", "2026-12-04T09:00:07Z"),
                pod("2026-12-04T09:00:10Z", "True", "2026-12-04T09:00:07Z"),
                new PodBuilder().withNewMetadata().withName("no-status").endMetadata().build()))).isEmpty();
    }

    private static Pod pod(String started, String ready, String readySince) {
        return new PodBuilder().withNewMetadata().withName("app").endMetadata()
                .withNewStatus().withStartTime(started)
                .addNewCondition().withType("Ready").withStatus(ready).withLastTransitionTime(readySince).endCondition()
                .endStatus().build();
    }
}
