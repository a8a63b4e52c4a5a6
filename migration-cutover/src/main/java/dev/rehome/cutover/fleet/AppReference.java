package dev.rehome.cutover.fleet;

import java.util.Map;
import java.util.Objects;

/**
 * One env var of an app workload whose value (literal or read from a Secret or ConfigMap) names the standalone
 * database's Service. A {@link Style#URL} value is a whole connection URL; a {@link Style#HOST} value is just the
 * host, and its {@code companions} are the sibling vars holding the other parts ({@code user}, {@code password},
 * {@code port}, {@code dbname}), which the re-point moves too.
 *
 * @param kind      {@code Deployment}, {@code StatefulSet} or {@code CronJob}
 * @param via       where the value came from, for people: {@code literal} or {@code Secret NAME key KEY}
 */
public record AppReference(String kind, String workload, String container, String envVar, Style style, String via,
                           Map<String, String> companions) {
    public enum Style { URL, HOST }

    public AppReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(envVar, "envVar");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(via, "via");
        companions = Map.copyOf(companions);
    }

    public String describe() {
        return kind + " " + workload + " container " + container + ": env " + envVar + " (" + via + ", "
                + (style == Style.URL ? "a connection URL" : "the host" + (companions.isEmpty() ? ""
                : "; with " + new java.util.TreeMap<>(companions))) + ")";
    }
}
