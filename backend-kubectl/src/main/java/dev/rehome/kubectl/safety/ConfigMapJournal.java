package dev.rehome.kubectl.safety;

import dev.rehome.core.Journal;
import dev.rehome.core.JournalState;
import dev.rehome.core.StepRecord;
import dev.rehome.core.StepStatus;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link Journal} in one ConfigMap per plan ({@code rehome-journal-<plan>}, label
 * {@code app.kubernetes.io/managed-by=rehome}), so a run started from another machine sees where the last one
 * stopped. Use it beside a local {@link dev.rehome.core.FileJournal}. It refuses values that carry a password
 * (URL user info, {@code password=}): a ConfigMap is readable by anyone who may read the namespace. Thread-safe for one process.
 */
public final class ConfigMapJournal implements Journal {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i)(://[^/@\\s:]+:[^/@\\s]+@|password=|pgpassword=)");

    private final KubernetesClient client;
    private final String namespace;
    private final KubeRetry retry;

    public ConfigMapJournal(KubernetesClient client, String namespace, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    public static String configMapName(String plan) {
        String n = ("rehome-journal-" + plan).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return n.length() > 253 ? n.substring(0, 253) : n;
    }

    @Override
    public synchronized JournalState read(String plan) {
        ConfigMap cm = retry.call(() -> client.configMaps().inNamespace(namespace).withName(configMapName(plan)).get());
        if (cm == null || cm.getData() == null) {
            return JournalState.empty(plan);
        }
        Map<String, String> d = cm.getData();
        List<StepRecord> steps = new ArrayList<>();
        String order = d.getOrDefault("steps", "");
        for (String id : order.isEmpty() ? new String[0] : order.split(",")) {
            steps.add(new StepRecord(id, StepStatus.valueOf(d.get("step." + id + ".status")),
                    Instant.parse(d.get("step." + id + ".at")), d.getOrDefault("step." + id + ".detail", "")));
        }
        Map<String, String> facts = new LinkedHashMap<>();
        d.keySet().stream().filter(k -> k.startsWith("fact.")).sorted().forEach(k -> facts.put(k.substring(5), d.get(k)));
        return new JournalState(plan, steps, facts);
    }

    @Override
    public synchronized void write(JournalState state) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("plan", state.plan());
        data.put("steps", String.join(",", state.steps().stream().map(StepRecord::stepId).toList()));
        for (StepRecord r : state.steps()) {
            data.put("step." + r.stepId() + ".status", r.status().name());
            data.put("step." + r.stepId() + ".at", r.at().toString());
            data.put("step." + r.stepId() + ".detail", refuseSecrets("step " + r.stepId() + " detail", r.detail()));
        }
        state.facts().forEach((k, v) -> data.put("fact." + k, refuseSecrets("fact " + k, v)));
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(configMapName(state.plan()))
                .withNamespace(namespace).addToLabels(MANAGED_BY, "rehome")
                .addToLabels("rehome.dev/journal", "true").endMetadata().withData(data).build();
        retry.run(() -> client.configMaps().inNamespace(namespace).resource(cm).createOr(op -> op.update()));
    }

    private static String refuseSecrets(String what, String text) {
        if (SECRET_LIKE.matcher(text).find()) {
            throw new IllegalArgumentException("the journal " + what + " looks like it holds a secret; "
                    + "journals are stored in a ConfigMap and must never hold one");
        }
        return text;
    }
}
