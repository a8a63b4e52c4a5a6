package dev.rehome.fleet.cli;

import dev.rehome.core.StopSignal;
import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.cutover.LocalEngines;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command needs from the world: its output streams, the environment (for {@code PGPASSWORD},
 * {@code PGPASSFILE}), the home directory (for {@code ~/.pgpass}), a clock, whether stderr is a terminal, the log
 * file the user is pointed to, the engines and verifiers to use, and the signal that asks a run to stop at its next
 * safe point (the shutdown hook's). Tests build one with their own streams and
 * environment; {@link #system(Path)} is the real one. Immutable.
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path home, Clock clock,
                         boolean terminal, Path logFile, EngineCatalog engines, VerifierCatalog verifiers,
                         StopSignal stop) {
    public CliContext {
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(verifiers, "verifiers");
    }

    /** Without a stop signal of its own: nothing outside the command asks it to stop (tests, embedding). */
    public CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path home, Clock clock,
                      boolean terminal, Path logFile, EngineCatalog engines, VerifierCatalog verifiers) {
        this(out, err, env, home, clock, terminal, logFile, engines, verifiers, new StopSignal());
    }

    /**
     * The process's own streams, environment, home and clock, with the engines and verifiers of this build. The
     * one place {@code rehome-fleet} reads the system clock: everything else gets it from here.
     */
    public static CliContext system(Path logFile) {
        Clock clock = Clock.systemUTC();
        return new CliContext(System.out, System.err, System.getenv(), Path.of(System.getProperty("user.home")),
                clock, System.console() != null, logFile, LocalEngines.catalog(clock), VerifierCatalog.standard());
    }
}
