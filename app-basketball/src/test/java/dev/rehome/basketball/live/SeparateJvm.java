package dev.rehome.basketball.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.testkit.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code rehome-basketball.jar} in a JVM of its own against a {@link LiveBasketballWorld}, for tests that kill it:
 * start it, watch its journal, SIGKILL it inside a step; and the probes of the end state they share.
 */
final class SeparateJvm {
    private static final Path JAR = Path.of("target", "rehome-basketball.jar");

    private final LiveBasketballWorld world;
    private final Path dir;

    SeparateJvm(LiveBasketballWorld world, Path dir) {
        this.world = world;
        this.dir = dir;
    }

    /** Starts the jar with {@code args}; its output goes to {@code dir/name.out}, its log to {@code name.log}. */
    Process start(String name, String[] args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("REHOME_LOG_FILE", dir.resolve(name + ".log").toString());
        return pb.start();
    }

    String output(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out"));
    }

    /** Waits until the journal shows {@code step} running or past it, with the run still going. */
    String awaitJournal(Process child, String step) throws Exception {
        String seen = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive() && seen.isEmpty()) {
            seen = journalLine("step." + step + ".status");
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("the run was still going when " + step + " showed (" + seen + ")").isTrue();
        assertThat(seen).as(step + " showed in the journal").isNotEmpty();
        return seen;
    }

    /**
     * Starts migrate and SIGKILLs it as soon as its journal shows {@code step} running (or past it, when the step
     * was quicker than one look); returns what the journal showed at the kill.
     */
    String killInside(String step) throws Exception {
        Process child = start("killed-" + step, world.migrate());
        String seen = awaitJournal(child, step);
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return seen;
    }

    /** The journal's line for {@code key} ({@code step.copy.status}, {@code fact.x}); empty while there is none. */
    String journalLine(String key) throws IOException {
        if (!Files.isDirectory(world.journal)) {
            return "";
        }
        try (Stream<Path> files = Files.list(world.journal)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".properties")).toList()) {
                for (String line : readQuietly(f)) {
                    if (line.startsWith(key + "=") || line.startsWith("fact." + key + "=")) {
                        return line;
                    }
                }
            }
        }
        return "";
    }

    private static List<String> readQuietly(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException replacedWhileReading) {
            return List.of();
        }
    }

    List<io.fabric8.kubernetes.api.model.EnvVar> appEnv() {
        return world.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    int replicas() {
        return world.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                .getSpec().getReplicas();
    }

    /** The app's own login on the source, as its URL has it. */
    static Connection appLogin(PostgresServer source) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "basketball");
        p.setProperty("password", LiveBasketballWorld.SOURCE_PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://" + source.host() + ":" + source.port() + "/basketball", p);
    }

    static long players(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM public.players")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
