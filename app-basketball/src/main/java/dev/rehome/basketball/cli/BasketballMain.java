package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.UsageErrorHandler;
import dev.rehome.cutover.cli.BuildVersion;
import dev.rehome.core.MigrationException;
import java.io.PrintStream;
import java.nio.file.Path;
import dev.rehome.core.StopSignal;
import dev.rehome.cutover.cli.GracefulStop;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rehome-basketball}: moves basketball-api's database from its standalone postgres into pal-e-postgres.
 * Exit codes: 0 success, 1 verification failed, 2 usage, 3 refused as unsafe, 4 unreachable, 5 failed (and
 * rolled back when before the re-point).
 */
@Command(name = "rehome-basketball", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Move basketball-api's database out of its standalone postgres pod (no backups) into the shared "
                + "CloudNativePG cluster pal-e-postgres, verify every row, cut the app over, prove a backup, and later "
                + "retire the old database.", "",
                "Start here:  rehome-basketball migrate --sandbox     (the whole cutover on embedded servers, < 1 min)",
                "Then:        rehome-basketball plan                  (what it would do to your cluster)", ""},
        footer = {"", "Exit codes: 0 done, 1 verification failed, 2 usage error, 3 refused as unsafe, 4 cannot reach "
                + "a server or the cluster, 5 failed (rolled back when before the re-point).",
                "Defaults are the real cluster's names; --config FILE (YAML) overrides any of them."})
public final class BasketballMain {
    private BasketballMain() {
    }

    public static void main(String[] args) {
        Path log = logFile();
        System.setProperty("rehome.log.file", log.toString());
        // The sandbox's mock API server logs every request through java.util.logging; progress lines are ours.
        java.util.logging.LogManager.getLogManager().reset();
        StopSignal stop = new StopSignal();
        GracefulStop graceful = GracefulStop.install(stop, System.err);
        int code = run(args, System.out, System.err, Clock.systemUTC(), log, stop);
        graceful.finished();
        System.exit(code);
    }

    /** Runs the CLI and returns the exit code; the entry point for tests. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock, Path logFile) {
        return run(args, out, err, clock, logFile, new StopSignal());
    }

    /** {@link #run(String[], PrintStream, PrintStream, Clock, Path)} stopping at the next safe point once asked. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock, Path logFile, StopSignal stop) {
        Cli cli = new Cli(out, err, new SessionFactory(clock, stop), logFile);
        CommandLine cmd = new CommandLine(new BasketballMain());
        cmd.addSubcommand(CommandOptions.only(new CommandLine(new PlanCommand(cli)), CommandOptions.WHERE, CommandOptions.CUTOVER, CommandOptions.FORMAT));
        cmd.addSubcommand(CommandOptions.only(new CommandLine(new MigrateCommand(cli)), CommandOptions.WHERE, CommandOptions.CUTOVER, CommandOptions.CHANGE, CommandOptions.REPORT));
        cmd.addSubcommand(CommandOptions.only(new CommandLine(new VerifyCommand(cli)), CommandOptions.WHERE, CommandOptions.FORMAT));
        cmd.addSubcommand(CommandOptions.only(new CommandLine(new RollbackCommand(cli)), CommandOptions.WHERE, java.util.Set.of("--gitops-dir", "--yes"), CommandOptions.REPORT));
        cmd.addSubcommand(CommandOptions.only(new CommandLine(new RetireCommand(cli)), CommandOptions.WHERE, java.util.Set.of("--gitops-dir"), CommandOptions.CHANGE, CommandOptions.REPORT));
        cmd.addSubcommand(CommandOptions.only(new CommandLine(new StatusCommand(cli)), CommandOptions.WHERE, CommandOptions.FORMAT));
        cmd.addSubcommand(new CommandLine.HelpCommand());
        cmd.addSubcommand(new picocli.AutoComplete.GenerateCompletion());
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        cmd.setExitCodeExceptionMapper(BasketballMain::exitCode);
        cmd.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            Logger log = LoggerFactory.getLogger(BasketballMain.class);
            log.error("command failed", ex);
            err.println("✘ " + ex.getMessage() + (ex instanceof MigrationException ? "" : " (" + ex.getClass().getSimpleName()
                    + ")") + ". Log: " + logFile);
            return exitCode(ex);
        });
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        if (args.length == 0) {
            cmd.usage(err);
            return 2;
        }
        return cmd.execute(args);
    }

    private static int exitCode(Throwable t) {
        return t instanceof MigrationException m ? m.errorCode().exitCode() : 5;
    }

    private static Path logFile() {
        String override = System.getenv("REHOME_LOG_FILE");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".rehome", "logs", "rehome-basketball.log");
    }
}
