package dev.rehome.kubectl.inventory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether a Redis/Valkey container keeps data worth backing up. A cache ({@code --save ""} without AOF, or no
 * data volume and no AOF) is not a data store; AOF, or RDB snapshots onto a volume, is.
 */
final class RedisPersistence {
    private RedisPersistence() {
    }

    static boolean persists(Container container, boolean hasDataVolume) {
        String commandLine = Stream.concat(list(container.getCommand()).stream(), list(container.getArgs()).stream())
                .map(s -> s.toLowerCase(Locale.ROOT)).reduce("", (a, b) -> a + " " + b).replaceAll("\\s+", " ");
        boolean aof = commandLine.contains("appendonly yes") || env(container, "REDIS_AOF_ENABLED", "yes")
                || env(container, "VALKEY_AOF_ENABLED", "yes");
        if (aof) {
            return true;
        }
        boolean snapshotsOff = commandLine.contains("--save \"\"") || commandLine.contains("--save ''")
                || commandLine.matches(".*--save\\s*$");
        return hasDataVolume && !snapshotsOff;
    }

    private static boolean env(Container container, String name, String value) {
        return list(container.getEnv()).stream()
                .anyMatch((EnvVar e) -> name.equals(e.getName()) && value.equalsIgnoreCase(e.getValue()));
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
