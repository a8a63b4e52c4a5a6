package dev.rehome.cutover.fleet;

import java.util.Map;
import java.util.Objects;

/**
 * One place where a workload reads the standalone database's Service: an env var whose value (literal or read
 * from a Secret or ConfigMap key) names it ({@link Channel#ENV}), a Secret or ConfigMap key it takes whole through
 * {@code envFrom} ({@link Channel#ENV_FROM}), or a key mounted as a file ({@link Channel#FILE}). Only env vars are
 * re-pointed: the other two would need rehome to rewrite a Secret or ConfigMap it did not create. A
 * {@link Style#URL} value is a whole connection URL; a {@link Style#HOST} value is just the host, and its
 * {@code companions} are the sibling vars holding the other parts ({@code user}, {@code password}, {@code port},
 * {@code dbname}), which the re-point moves too.
 *
 * @param kind      {@code Deployment}, {@code StatefulSet} or {@code CronJob}
 * @param envVar    the env var's name ({@link Channel#FILE}: the file's path in the container)
 * @param via       where the value came from, for people: {@code literal} or {@code Secret NAME key KEY}
 */
public record AppReference(String kind, String workload, String container, String envVar, Style style, String via,
                           Map<String, String> companions, Channel channel) {
    public enum Style { URL, HOST }

    /** How the workload reads the value. */
    public enum Channel { ENV, ENV_FROM, FILE }

    public AppReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(envVar, "envVar");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(channel, "channel");
        companions = Map.copyOf(companions);
    }

    /** An env var reference. */
    public AppReference(String kind, String workload, String container, String envVar, Style style, String via,
                        Map<String, String> companions) {
        this(kind, workload, container, envVar, style, via, companions, Channel.ENV);
    }

    /** Whether rehome can re-point it by patching the workload alone. */
    public boolean repointable() {
        return channel == Channel.ENV;
    }

    public String describe() {
        String what = switch (channel) {
            case ENV -> "env " + envVar;
            case ENV_FROM -> "env " + envVar + " through envFrom";
            case FILE -> "file " + envVar;
        };
        return kind + " " + workload + " container " + container + ": " + what + " (" + via + ", "
                + (style == Style.URL ? "a connection URL" : "the host" + (companions.isEmpty() ? ""
                : "; with " + new java.util.TreeMap<>(companions))) + ")";
    }
}
