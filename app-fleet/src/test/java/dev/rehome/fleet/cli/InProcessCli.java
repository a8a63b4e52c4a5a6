package dev.rehome.fleet.cli;

import dev.rehome.cutover.LocalEngines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs {@code rehome-fleet} inside the test JVM with captured streams and a given environment. */
final class InProcessCli {
    private final Path home;
    private final Map<String, String> env;
    private final Clock clock;

    /** On the system clock: for runs that wait on real servers and processes, whose fixtures carry no dates. */
    InProcessCli(Path home, Map<String, String> env) {
        this(home, env, Clock.systemUTC());
    }

    /** On {@code clock}: the one the world under test (its seeded cluster) runs on. */
    InProcessCli(Path home, Map<String, String> env, Clock clock) {
        this.home = home;
        this.env = env;
        this.clock = clock;
    }

    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + "\n" + stderr;
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, home, clock, false,
                home.resolve("rehome-fleet.log"), LocalEngines.catalog(clock), VerifierCatalog.standard());
        int exit = FleetMain.execute(args, context);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
