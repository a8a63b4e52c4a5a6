package dev.rehome.cutover.gitops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes one entry from the {@code resources:} list of a kustomization.yaml, keeping every other line, comment
 * and blank line as it was. Pure text; stateless.
 */
final class KustomizationEdit {
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z_][^:#]*:.*");

    private KustomizationEdit() {
    }

    /** {@code yaml} without the {@code - file} item under {@code resources:}; unchanged when it is not listed. */
    static String dropResource(String yaml, String file) {
        String[] lines = yaml.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        boolean inResources = false;
        for (String line : lines) {
            if (TOP_LEVEL_KEY.matcher(line).matches()) {
                inResources = line.startsWith("resources:");
            }
            if (inResources && isItem(line, file)) {
                continue;
            }
            out.add(line);
        }
        return String.join("\n", out);
    }

    static boolean lists(String yaml, String file) {
        return !dropResource(yaml, file).equals(yaml);
    }

    private static boolean isItem(String line, String file) {
        String t = line.strip();
        if (!t.startsWith("- ")) {
            return false;
        }
        String value = t.substring(2).strip();
        int comment = value.indexOf(" #");
        if (comment >= 0) {
            value = value.substring(0, comment).strip();
        }
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("./")) {
            value = value.substring(2);
        }
        return value.equals(file);
    }
}
