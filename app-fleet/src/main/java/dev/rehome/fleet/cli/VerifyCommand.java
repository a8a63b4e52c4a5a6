package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.Choices;
import dev.rehome.cutover.cli.BuildVersion;
import dev.rehome.core.MigrationException;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.report.RunSummary;
import dev.rehome.fleet.report.ReportPrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rehome-fleet verify}: compares two databases and never writes to either. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BuildVersion.class,
        description = {
            "Compare a source and a target database and report every difference. Reads only.",
            "counts: exact row counts of every table and every sequence's next value;",
            "full: also an order-independent content checksum of every table, the",
            "schema (tables, columns, indexes, constraints, triggers, functions, views,",
            "types, extensions) and large objects."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  PGPASSWORD=... rehome-fleet verify \\",
            "      --source postgresql://app@old-db:5432/shop \\",
            "      --target postgresql://app@new-db:5432/shop",
            "  rehome-fleet verify --source ... --target ... --level counts \\",
            "      --report-json verify.json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no difference", "1:a difference was found (see Findings)", "2:usage error",
            "4:cannot reach a server or the login was refused", "5:a check failed to run"})
final class VerifyCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EndpointOptions endpoints;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "full", converter = Choices.VerifyLevels.class,
            completionCandidates = Choices.VerifyLevels.class, description = "counts or full (default: ${DEFAULT-VALUE}).")
    private String level;

    @Mixin
    private ReportOptions report;

    VerifyCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (!endpoints.complete()) {
            throw new ParameterException(spec.commandLine(), "verify needs --source and --target");
        }
        EndpointOptions.Endpoints resolved = endpoints.resolve(context);
        ReportPrinter reports = report.printer(context.out());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("source", resolved.source().describe());
        facts.put("target", resolved.target().describe());
        facts.put("level", level);
        Instant start = context.clock().instant();
        try {
            VerificationReport report = context.verifiers().forLevel(level).verify(resolved.source(), resolved.target());
            RunSummary summary = new RunSummary("verify", facts, Optional.empty(), report, List.of(),
                    Duration.between(start, context.clock().instant()), Optional.empty());
            reports.print(summary);
            return summary.passed() ? 0 : 1;
        } catch (MigrationException e) {
            reports.print(new RunSummary("verify", facts, Optional.empty(), VerificationReport.empty(), List.of(),
                    Duration.between(start, context.clock().instant()), Optional.of(e.getMessage())));
            throw e;
        }
    }
}
