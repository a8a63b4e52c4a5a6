package dev.rehome.kubectl.safety;

import dev.rehome.core.Journal;
import dev.rehome.core.JournalState;
import dev.rehome.core.StepRecord;
import dev.rehome.core.StepStatus;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link Journal} in ConfigMaps per plan ({@code rehome-journal-<plan>}, label
 * {@code app.kubernetes.io/managed-by=rehome}), so a run started from another machine sees where the last one
 * stopped. Use it beside a local {@link dev.rehome.core.FileJournal}. It refuses values that carry a password
 * (URL user info, {@code password=}): a ConfigMap is readable by anyone who may read the namespace.
 *
 * <p>Any fact key is kept: one a ConfigMap key cannot hold ({@code [-._a-zA-Z0-9]} only; a table named
 * {@code "Order Items"}) is stored base64url-encoded under {@code factx.}. Any size is kept: data beyond
 * {@link #PART_BYTES} per ConfigMap goes to parts {@code <name>-part-1..n} (a ConfigMap holds at most 1 MiB), which
 * the first one counts, so a database of 20,000 tables does not fail its run at the first journal write.
 * Thread-safe for one process.
 */
public final class ConfigMapJournal implements Journal {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i)(://[^/@\\s:]+:[^/@\\s]+@|password=|pgpassword=)");
    private static final Pattern CONFIGMAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    /** Bytes of data per ConfigMap, well under the API server's 1 MiB object limit. */
    static final int PART_BYTES = 768 * 1024;
    private static final String PARTS = "parts";

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
        ConfigMap cm = get(configMapName(plan));
        if (cm == null || cm.getData() == null) {
            return JournalState.empty(plan);
        }
        Map<String, String> d = new LinkedHashMap<>(cm.getData());
        int parts = Integer.parseInt(d.getOrDefault(PARTS, "0"));
        for (int i = 1; i <= parts; i++) {
            ConfigMap part = get(partName(plan, i));
            if (part == null || part.getData() == null) {
                throw new IllegalStateException("journal part " + partName(plan, i) + " is missing from " + namespace);
            }
            d.putAll(part.getData());
        }
        List<StepRecord> steps = new ArrayList<>();
        String order = d.getOrDefault("steps", "");
        for (String id : order.isEmpty() ? new String[0] : order.split(",")) {
            steps.add(new StepRecord(id, StepStatus.valueOf(d.get("step." + id + ".status")),
                    Instant.parse(d.get("step." + id + ".at")), d.getOrDefault("step." + id + ".detail", "")));
        }
        Map<String, String> facts = new java.util.TreeMap<>();
        d.forEach((k, v) -> {
            if (k.startsWith("fact.")) {
                facts.put(k.substring(5), v);
            } else if (k.startsWith("factx.")) {
                facts.put(new String(Base64.getUrlDecoder().decode(k.substring(6)), StandardCharsets.UTF_8), v);
            }
        });
        return new JournalState(plan, steps, new LinkedHashMap<>(facts));
    }

    @Override
    public synchronized void write(JournalState state) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("plan", state.plan());
        data.put("steps", String.join(",", state.steps().stream().map(StepRecord::stepId).toList()));
        for (StepRecord r : state.steps()) {
            data.put("step." + r.stepId() + ".status", r.status().name());
            data.put("step." + r.stepId() + ".at", r.at().toString());
            // A detail is an error message, free text from wherever the failure came: redacted, not refused, so
            // journaling a failure can never stop the rollback after it.
            data.put("step." + r.stepId() + ".detail", SECRET_LIKE.matcher(r.detail()).replaceAll("[redacted]"));
        }
        state.facts().forEach((k, v) -> data.put(factKey(k), refuseSecrets("fact " + k, v)));
        List<Map<String, String>> chunks = chunks(data);
        String plan = state.plan();
        // Parts first, the head last: a reader never sees a head counting parts that are not written yet.
        for (int i = 1; i < chunks.size(); i++) {
            put(partName(plan, i), chunks.get(i));
        }
        Map<String, String> head = new LinkedHashMap<>(chunks.get(0));
        head.put(PARTS, String.valueOf(chunks.size() - 1));
        put(configMapName(plan), head);
    }

    /** The ConfigMap key of a fact: as it is when a ConfigMap key can hold it, else encoded. */
    static String factKey(String fact) {
        String plain = "fact." + fact;
        return CONFIGMAP_KEY.matcher(plain).matches() && plain.length() <= 253 ? plain
                : "factx." + Base64.getUrlEncoder().withoutPadding().encodeToString(fact.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Map<String, String>> chunks(Map<String, String> data) {
        List<Map<String, String>> chunks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        long bytes = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            long size = e.getKey().length() + (long) e.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (size > PART_BYTES) {
                throw new IllegalArgumentException("the journal entry " + e.getKey() + " alone is " + size
                        + " bytes, more than a ConfigMap part holds");
            }
            if (bytes + size > PART_BYTES && !current.isEmpty()) {
                chunks.add(current);
                current = new LinkedHashMap<>();
                bytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            bytes += size;
        }
        chunks.add(current);
        return chunks;
    }

    private static String partName(String plan, int i) {
        String base = configMapName(plan);
        String suffix = "-part-" + i;
        return (base.length() + suffix.length() > 253 ? base.substring(0, 253 - suffix.length()) : base) + suffix;
    }

    private ConfigMap get(String name) {
        return retry.call(() -> client.configMaps().inNamespace(namespace).withName(name).get());
    }

    private void put(String name, Map<String, String> data) {
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name)
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
