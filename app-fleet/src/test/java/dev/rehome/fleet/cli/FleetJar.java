package dev.rehome.fleet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real shaded jar as a child process, the way users and CI call it. */
final class FleetJar {
    static final Path JAR = Path.of("target", "rehome-fleet.jar");

    private final Path work;

    FleetJar(Path work) {
        this.work = work;
    }

    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + "\n" + stderr;
        }
    }

    Path logDir() {
        return work.resolve("logs");
    }

    /** Runs with a clean environment: no PGPASSWORD unless {@code env} gives one; logs under the work dir. */
    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with mvn verify (after package)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().put("HOME", work.toString());
        pb.environment().put("REHOME_LOG_DIR", logDir().toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("rehome-fleet " + String.join(" ", args) + " did not finish in 240 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Everything the jar wrote to its log directory. */
    String logs() throws IOException {
        if (!Files.isDirectory(logDir())) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(logDir())) {
            for (Path f : files.toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    Path passwordFile(String name, String password) throws IOException {
        Path f = work.resolve(name);
        Files.writeString(f, password + "\n", StandardCharsets.UTF_8);
        return f;
    }
}
