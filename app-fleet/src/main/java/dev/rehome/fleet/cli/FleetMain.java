package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.UsageErrorHandler;
import picocli.AutoComplete;
import dev.rehome.cutover.cli.BuildVersion;
import java.io.PrintWriter;
import dev.rehome.cutover.cli.GracefulStop;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code rehome-fleet}. Add a command by listing its class in {@code subcommands}; a command class
 * with a constructor taking {@link CliContext} gets the context, others are built with their no-argument
 * constructor.
 * <pre>
 * java -jar rehome-fleet.jar copy --source postgresql://app@old-db:5432/shop --target postgresql://app@new-db:5432/shop
 * java -jar rehome-fleet.jar verify --source ... --target ... --level full --report-json report.json
 * </pre>
 */
@Command(name = "rehome-fleet", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        subcommands = {CopyCommand.class, VerifyCommand.class, AuditCommand.class, PlanMoveCommand.class,
            MigrateMoveCommand.class, RetireMoveCommand.class, ProveRestoreCommand.class, HelpCommand.class, AutoComplete.GenerateCompletion.class},
        description = {"Copy PostgreSQL databases into their new home and prove every row arrived; audit a cluster",
            "for databases without backups and move every standalone PostgreSQL into a CloudNativePG cluster."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  rehome-fleet copy --sandbox",
            "      a real copy between two throw-away local servers",
            "  PGPASSWORD=... rehome-fleet copy \\",
            "      --source postgresql://app@old-db:5432/shop \\",
            "      --target postgresql://app@new-db:5432/shop --report-json copy.json",
            "  rehome-fleet verify --source postgresql://app@old-db/shop \\",
            "      --target postgresql://app@new-db/shop --level counts",
            "",
            "Passwords never go on the command line: use --source-password-file and",
            "--target-password-file, PGPASSWORD, or ~/.pgpass (PGPASSFILE).",
            "Details of failures go to a log file (REHOME_LOG_DIR, default ~/.rehome/logs).",
            "  rehome-fleet audit",
            "      every database in the cluster and what backs it up",
            "  rehome-fleet migrate --all-uncovered --into postgres/pal-e-postgres --sandbox",
            "      the whole fleet move on embedded servers",
            "Run 'rehome-fleet help copy' for the options of a command."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, and the verification passed",
            "1:verification found a difference",
            "2:usage error (a flag or URL is wrong)",
            "3:refused as unsafe (e.g. the target is not empty)",
            "4:cannot reach a server or the login was refused",
            "5:an operation failed (see the message and the log file)"})
public final class FleetMain implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("user.home"));
        Path log = LogFile.configure(System.getenv(), home);
        CliContext context = CliContext.system(log);
        GracefulStop graceful = GracefulStop.install(context.stop(), System.err);
        int code = execute(args, context);
        graceful.finished();
        System.exit(code);
    }

    /** Runs the command line in {@code context} and returns the exit code; never throws. */
    public static int execute(String[] args, CliContext context) {
        return commandLine(context).execute(args);
    }

    /** The configured picocli command line, for embedding and tests. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(FleetMain.class, new ContextFactory(context));
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setExecutionExceptionHandler(new FailureHandler(context));
        return cl;
    }

    /** Builds commands, handing the context to those whose constructor takes it. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                var ctor = cls.getDeclaredConstructor(CliContext.class);
                ctor.setAccessible(true);
                return ctor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
