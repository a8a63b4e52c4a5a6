package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Severity;

import java.util.Comparator;
import java.util.List;

/**
 * One risk behind a finding, with its weight and, when it is the worst, the thing to do about it.
 *
 * @param remedy empty when this issue has no remedy of its own
 */
record Issue(Severity severity, String reason, String remedy) {
    static Issue of(Severity severity, String reason) {
        return new Issue(severity, reason, "");
    }

    static Severity worst(List<Issue> issues) {
        return issues.stream().map(Issue::severity).min(Comparator.naturalOrder()).orElse(Severity.INFO);
    }

    /** The remedy of the worst issue that has one. */
    static String remedy(List<Issue> issues, String fallback) {
        return issues.stream().filter(i -> !i.remedy().isEmpty())
                .min(Comparator.comparing(Issue::severity)).map(Issue::remedy).orElse(fallback);
    }

    static List<String> reasons(List<Issue> issues) {
        return issues.stream().sorted(Comparator.comparing(Issue::severity)).map(Issue::reason).distinct().toList();
    }
}
