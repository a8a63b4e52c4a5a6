package dev.rehome.cutover.gitops;

import dev.rehome.core.RefusedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points one env var of a deployment patch at a Secret key ({@code valueFrom.secretKeyRef}), so no password is
 * written to Git. The var's own {@code value:}/{@code valueFrom:} lines are replaced; its other keys, every
 * comment and every other line stay as they were. Pure text; stateless.
 */
final class DeploymentPatchEdit {
    private DeploymentPatchEdit() {
    }

    private static final String MARKER = "# written by rehome: the URL (with its password) lives in the Secret, not in Git";

    static String pointEnvAtSecret(String yaml, String envVar, String secret, String key) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        Pattern nameLine = Pattern.compile("^(\\s*)(- )?name:\\s*[\"']?" + Pattern.quote(envVar) + "[\"']?\\s*(#.*)?$");
        int at = -1;
        Matcher m = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher candidate = nameLine.matcher(lines.get(i));
            if (candidate.matches()) {
                at = i;
                m = candidate;
                break;
            }
        }
        if (at < 0) {
            throw new RefusedException("the deployment patch has no env var '" + envVar
                    + "'; add '- name: " + envVar + "' under the container's env: and rerun");
        }
        int keyIndent = m.group(1).length() + (m.group(2) == null ? 0 : 2);
        int end = itemEnd(lines, at, keyIndent);
        List<String> kept = new ArrayList<>();
        boolean skipping = false;
        for (int i = at + 1; i < end; i++) {
            String line = lines.get(i);
            int indent = indentOf(line);
            boolean blankOrComment = line.isBlank() || line.strip().startsWith("#");
            if (!blankOrComment && indent == keyIndent) {
                String t = line.strip();
                skipping = t.startsWith("value:") || t.startsWith("valueFrom:");
            }
            if (line.strip().equals(MARKER) || skipping && !blankOrComment && indent >= keyIndent) {
                continue;
            }
            kept.add(line);
        }
        String pad = " ".repeat(keyIndent);
        List<String> replacement = new ArrayList<>(List.of(
                pad + MARKER,
                pad + "valueFrom:",
                pad + "  secretKeyRef:",
                pad + "    name: " + secret,
                pad + "    key: " + key));
        replacement.addAll(kept);
        List<String> out = new ArrayList<>(lines.subList(0, at + 1));
        out.addAll(replacement);
        out.addAll(lines.subList(end, lines.size()));
        return String.join("\n", out);
    }

    /** The first line after {@code start} that belongs to the next item or to an outer key. */
    private static int itemEnd(List<String> lines, int start, int keyIndent) {
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#") && indentOf(line) >= keyIndent) {
                continue;
            }
            if (indentOf(line) < keyIndent || line.strip().startsWith("#")) {
                return trimTrailingBlankAndComments(lines, start, i);
            }
        }
        return lines.size();
    }

    /** Comments and blank lines just before the next item belong to that item, not to ours. */
    private static int trimTrailingBlankAndComments(List<String> lines, int start, int end) {
        int e = end;
        while (e - 1 > start && (lines.get(e - 1).isBlank() || lines.get(e - 1).strip().startsWith("#"))) {
            e--;
        }
        return e;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
