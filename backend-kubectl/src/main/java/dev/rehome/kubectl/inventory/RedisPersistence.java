package dev.rehome.kubectl.inventory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a Redis/Valkey container keeps data worth backing up. A cache ({@code --save ""} without AOF, or no
 * data volume and no AOF) is not a data store; AOF, or RDB snapshots onto a volume, is.
 */
final class RedisPersistence {
    private RedisPersistence() {
    }

    static boolean persists(Container container, boolean hasDataVolume) {
        List<String> tokens = tokens(container);
        boolean aof = followedBy(tokens, "--appendonly", "yes") || followedBy(tokens, "appendonly", "yes")
                || env(container, "REDIS_AOF_ENABLED", "yes") || env(container, "VALKEY_AOF_ENABLED", "yes");
        if (aof) {
            return true;
        }
        int save = tokens.indexOf("--save");
        boolean snapshotsOff = save >= 0 && (save == tokens.size() - 1 || tokens.get(save + 1).isEmpty()
                || tokens.get(save + 1).equals("\"\"") || tokens.get(save + 1).startsWith("--"));
        return hasDataVolume && !snapshotsOff;
    }

    /** Command and args as separate words; a shell {@code -c} string is split on blanks. */
    private static List<String> tokens(Container container) {
        List<String> tokens = new ArrayList<>();
        for (List<String> part : List.of(list(container.getCommand()), list(container.getArgs()))) {
            for (String word : part) {
                String lower = word.toLowerCase(Locale.ROOT);
                if (lower.contains(" ")) {
                    tokens.addAll(List.of(lower.trim().split("\\s+")));
                } else {
                    tokens.add(lower);
                }
            }
        }
        return tokens;
    }

    private static boolean followedBy(List<String> tokens, String key, String value) {
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (tokens.get(i).equals(key) && tokens.get(i + 1).equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean env(Container container, String name, String value) {
        return list(container.getEnv()).stream()
                .anyMatch((EnvVar e) -> name.equals(e.getName()) && value.equalsIgnoreCase(e.getValue()));
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
