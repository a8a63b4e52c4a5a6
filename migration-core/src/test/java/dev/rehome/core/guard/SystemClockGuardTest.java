package dev.rehome.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guard against tests that pass only in the week their fixtures were written: main code of every module gets
 * its time from an injected {@link java.time.Clock}, and only the composition roots below read the system clock.
 * A new wall-clock read elsewhere fails here; pass a clock in instead (from a {@code main}, the CLI context or the
 * sandbox's world), or, if it truly is a composition root, add it here with the reason.
 */
class SystemClockGuardTest {
    /** Main code allowed to read the system clock, each with why: the places a process decides what time it is. */
    private static final Map<String, String> COMPOSITION_ROOTS = Map.of(
            "app-basketball/src/main/java/dev/rehome/basketball/cli/BasketballMain.java",
            "main(): the rehome-basketball process hands the system clock to everything it builds",
            "app-fleet/src/main/java/dev/rehome/fleet/cli/CliContext.java",
            "CliContext.system(): the rehome-fleet process's clock, handed to every command, engine and sandbox",
            "migration-cutover/src/main/java/dev/rehome/cutover/Rehome.java",
            "Rehome.configure(): the library's entry point; an embedding app's clock unless it passes its own");

    @Test
    void mainCodeReadsTheSystemClockOnlyInCompositionRoots() {
        Map<String, List<SystemClockReads.Read>> reads = wallClockReadsInMainCode();

        Map<String, List<SystemClockReads.Read>> outside = new TreeMap<>(reads);
        outside.keySet().removeAll(COMPOSITION_ROOTS.keySet());
        assertThat(outside).as("wall-clock reads outside the composition roots %s: inject a java.time.Clock instead",
                COMPOSITION_ROOTS.keySet()).isEmpty();
        assertThat(reads.keySet()).as("every allow-listed composition root still exists and still reads the clock "
                + "(drop it from the list otherwise)").containsAll(COMPOSITION_ROOTS.keySet());
    }

    @Test
    void theScannerFindsEveryKindOfWallClockRead() {
        String source = """
                class X {
                    Instant a = Instant.now();
                    Clock b = Clock.systemUTC();
                    Clock c = Clock.systemDefaultZone();
                    long d = System.currentTimeMillis();
                    LocalDate e = LocalDate.now();
                    ZonedDateTime f = ZonedDateTime.now(ZoneOffset.UTC);
                    OffsetDateTime g = java.time.OffsetDateTime.now();
                    Date h = new Date();
                    Calendar i = Calendar.getInstance();
                }
                """;

        assertThat(SystemClockReads.in(source)).extracting(SystemClockReads.Read::line)
                .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void injectedClocksCommentsStringsAndDurationsAreFine() {
        String source = """
                /** Example: {@code new Auditor(client, Clock.systemUTC())}. */
                class X {
                    // Instant.now() would make this depend on the date
                    String s = "Clock.systemUTC() and Instant.now()";
                    String t = \"""
                        System.currentTimeMillis()
                        \""";
                    Instant a = clock.instant();
                    LocalDate b = LocalDate.now(clock);
                    Instant c = Instant.now(this.clock);
                    long d = System.nanoTime();
                    char q = '"'; Instant e = clock.instant();
                }
                """;

        assertThat(SystemClockReads.in(source)).isEmpty();
    }

    private static Map<String, List<SystemClockReads.Read>> wallClockReadsInMainCode() {
        Path root = projectRoot();
        Map<String, List<SystemClockReads.Read>> found = new TreeMap<>();
        List<Path> mainDirs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(mainDirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(mainDirs).as("modules with main code under " + root).hasSizeGreaterThanOrEqualTo(6);
        for (Path dir : mainDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    List<SystemClockReads.Read> reads = SystemClockReads.in(read(f));
                    if (!reads.isEmpty()) {
                        found.put(root.relativize(f).toString().replace('\\', '/'), reads);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The directory holding the parent pom: tests run in their module's directory, one level below it. */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("migration-core")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
