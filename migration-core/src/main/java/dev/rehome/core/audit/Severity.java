package dev.rehome.core.audit;

import java.util.Locale;

/**
 * How much data a finding puts at risk, worst first: the declaration order is the sort order of every report.
 */
public enum Severity {
    /** Data with no copy anywhere: a lost disk or a deleted PVC loses it for good. */
    CRITICAL,
    /** A copy exists on paper but is unproven, failing or stale, or one mistake away from loss. */
    HIGH,
    MEDIUM,
    LOW,
    /** Worth knowing; nothing to fix. */
    INFO;

    /** The lower-case name used on the command line and in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is as bad as {@code threshold} or worse. */
    public boolean reaches(Severity threshold) {
        return compareTo(threshold) <= 0;
    }

    /** The worse of two severities. */
    public Severity worst(Severity other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public static Severity fromLabel(String label) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(label.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + label + "' (expected critical, high, medium, low or info)");
    }
}
