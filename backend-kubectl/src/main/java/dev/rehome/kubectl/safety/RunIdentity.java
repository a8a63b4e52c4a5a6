package dev.rehome.kubectl.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a lock: one run of rehome, unique even for two terminals of one user on one host. {@code machine}
 * names the process table {@code pid} belongs to (on Linux the boot id plus the PID namespace, so two containers
 * sharing a host name never take each other's pids for their own; elsewhere the host name), {@code started} the
 * process start time from the OS (guards against a reused pid), {@code runId} a random id drawn per run.
 *
 * @param started epoch millis of the process start, or -1 when the OS does not say
 */
public record RunIdentity(String machine, long pid, long started, String runId) {
    public RunIdentity {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(runId, "runId");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
    }

    /** This process, with a fresh random run id; for composition roots. */
    public static RunIdentity ofThisProcess(SecureRandom random) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
        return new RunIdentity(thisMachine(), self.pid(), started, HexFormat.of().formatHex(id));
    }

    private static String thisMachine() {
        Optional<String> boot = read(Path.of("/proc/sys/kernel/random/boot_id"));
        Optional<String> pidNs = link(Path.of("/proc/self/ns/pid"));
        if (boot.isPresent() && pidNs.isPresent()) {
            return "linux:" + boot.get() + ":" + pidNs.get();
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return "host:" + host;
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.US_ASCII).trim()).filter(s -> !s.isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> link(Path p) {
        try {
            return Optional.of(Files.readSymbolicLink(p).toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
