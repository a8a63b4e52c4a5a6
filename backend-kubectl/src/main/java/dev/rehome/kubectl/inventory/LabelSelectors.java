package dev.rehome.kubectl.inventory;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Evaluates a Kubernetes label selector held as untyped maps (from a custom resource) against labels. */
final class LabelSelectors {
    private LabelSelectors() {
    }

    /** An absent selector selects everything. */
    static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.get("matchLabels") instanceof Map<?, ?> matchLabels) {
            for (Map.Entry<?, ?> entry : matchLabels.entrySet()) {
                if (!String.valueOf(entry.getValue()).equals(labels.get(String.valueOf(entry.getKey())))) {
                    return false;
                }
            }
        }
        if (selector.get("matchExpressions") instanceof List<?> expressions) {
            for (Object expression : expressions) {
                if (expression instanceof Map<?, ?> requirement && !satisfies(requirement, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean satisfies(Map<?, ?> requirement, Map<String, String> labels) {
        String key = String.valueOf(requirement.get("key"));
        List<?> values = requirement.get("values") instanceof List<?> list ? list : List.of();
        String actual = labels.get(key);
        return switch (String.valueOf(requirement.get("operator"))) {
            case "In" -> actual != null && values.contains(actual);
            case "NotIn" -> actual == null || !values.contains(actual);
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            default -> false;
        };
    }

    /** Velero's namespace globs: {@code *} and {@code ?}. */
    static boolean globMatches(String glob, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }
}
