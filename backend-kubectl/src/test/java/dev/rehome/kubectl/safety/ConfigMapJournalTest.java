package dev.rehome.kubectl.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.JournalState;
import dev.rehome.core.StepRecord;
import dev.rehome.core.StepStatus;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.retry.KubeRetry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConfigMapJournalTest {
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = MockCluster.empty();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void roundTripsStepsAndFactsThroughALabelledConfigMap() {
        ConfigMapJournal journal = new ConfigMapJournal(cluster.client(), "postgres", KubeRetry.none());
        JournalState state = JournalState.empty("basketball-cutover")
                .with(new StepRecord("preflight", StepStatus.SUCCEEDED, Instant.parse("2026-11-26T12:00:00Z"), ""))
                .with(new StepRecord("copy", StepStatus.RUNNING, Instant.parse("2026-11-26T12:01:00Z"), "pg_dump started"))
                .withFacts(Map.of("source.pvc.uid", "3c1f", "target.connectionSecret", "basketball-db"));

        journal.write(state);
        journal.write(state.with(new StepRecord("copy", StepStatus.SUCCEEDED, Instant.parse("2026-11-26T12:02:00Z"), "")));

        JournalState read = new ConfigMapJournal(cluster.client(), "postgres", KubeRetry.none()).read("basketball-cutover");
        assertThat(read.succeeded("preflight")).isTrue();
        assertThat(read.succeeded("copy")).isTrue();
        assertThat(read.facts()).containsEntry("source.pvc.uid", "3c1f");
        var cm = cluster.client().configMaps().inNamespace("postgres")
                .withName(ConfigMapJournal.configMapName("basketball-cutover")).get();
        assertThat(cm.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rehome");
    }

    @Test
    void anUnwrittenPlanReadsEmpty() {
        assertThat(new ConfigMapJournal(cluster.client(), "postgres", KubeRetry.none()).read("nothing").steps()).isEmpty();
    }

    @Test
    void refusesToStoreAPasswordInAConfigMap() {
        ConfigMapJournal journal = new ConfigMapJournal(cluster.client(), "postgres", KubeRetry.none());
        JournalState leaky = JournalState.empty("p").withFacts(Map.of("url", "postgresql://app:hunter2@db:5432/app"));

        assertThatThrownBy(() -> journal.write(leaky)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
        assertThat(cluster.client().configMaps().inNamespace("postgres").list().getItems()).isEmpty();
    }

    @Test
    void keepsFactsNamedAfterAnyTableInValidConfigMapKeys() {
        ConfigMapJournal journal = new ConfigMapJournal(cluster.client(), "postgres", KubeRetry.none());
        Map<String, String> facts = Map.of("invariant.before.\"Mixed Case\".\"Order Items\"", "16",
                "invariant.before.paid_orders", "6", "invariant.before.commandes_été", "3");
        journal.write(JournalState.empty("p").withFacts(facts));

        assertThat(journal.read("p").facts()).containsAllEntriesOf(facts);
        var data = cluster.client().configMaps().inNamespace("postgres").withName(ConfigMapJournal.configMapName("p"))
                .get().getData();
        assertThat(data.keySet()).allMatch(k -> k.matches("[-._a-zA-Z0-9]+"))
                .contains("fact.invariant.before.paid_orders");
    }

    @Test
    void aJournalBeyondOneConfigMapIsSplitIntoPartsAndReadWhole() {
        ConfigMapJournal journal = new ConfigMapJournal(cluster.client(), "postgres", KubeRetry.none());
        Map<String, String> facts = new java.util.HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            facts.put("verify.table." + i, "public.t" + i + "|1000|1000|" + "f".repeat(16) + "|" + "f".repeat(16));
        }
        journal.write(JournalState.empty("big").withFacts(facts));

        assertThat(journal.read("big").facts()).hasSize(30_000).containsAllEntriesOf(facts);
        var maps = cluster.client().configMaps().inNamespace("postgres").list().getItems();
        assertThat(maps).hasSizeGreaterThan(2).allSatisfy(cm -> assertThat(cm.getData().entrySet().stream()
                .mapToLong(e -> e.getKey().length() + e.getValue().length()).sum()).isLessThan(1024 * 1024));
    }
}
