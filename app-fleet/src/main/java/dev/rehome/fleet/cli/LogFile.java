package dev.rehome.fleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI writes its log: {@code $REHOME_LOG_DIR/rehome-fleet.log}, else {@code ~/.rehome/logs/}, else the
 * temp directory when home is not writable. The terminal only ever gets one-line messages; details such as
 * stack traces go to this file, and the user is told where it is.
 */
final class LogFile {
    static final String PROPERTY = "rehome.log.file";
    private static final String NAME = "rehome-fleet.log";

    private LogFile() {
    }

    /** Picks the file and tells logback (through a system property) before the first logger exists. */
    static Path configure(Map<String, String> env, Path home) {
        String already = System.getProperty(PROPERTY);
        if (already != null && !already.isBlank()) {
            return Path.of(already);
        }
        Path file = choose(env, home);
        System.setProperty(PROPERTY, file.toString());
        return file;
    }

    static Path choose(Map<String, String> env, Path home) {
        String dir = env.get("REHOME_LOG_DIR");
        for (Path candidate : new Path[] {dir == null || dir.isBlank() ? null : Path.of(dir),
                home.resolve(".rehome").resolve("logs"), Path.of(System.getProperty("java.io.tmpdir"))}) {
            if (candidate != null && writable(candidate)) {
                return candidate.resolve(NAME);
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"), NAME);
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
