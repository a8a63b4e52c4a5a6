package dev.rehome.fleet.cli;

import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.core.report.RunSummary;
import dev.rehome.fleet.report.ReportPrinter;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.jdbc.TargetGuard;
import dev.rehome.jdbc.verify.Verifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code copy}: check the source answers, prepare an empty target, copy, verify, report. A failure after the
 * report header is known still writes the report (with the error) before it propagates to the exit code.
 * Not thread-safe; one run per instance.
 */
final class CopyRun {
    private static final Logger LOG = LoggerFactory.getLogger(CopyRun.class);

    private final CliContext context;
    private final PgConnector connector;
    private final ReportPrinter reports;
    private final MigrationListener progress;

    CopyRun(CliContext context, PgConnector connector, ReportPrinter reports, MigrationListener progress) {
        this.context = Objects.requireNonNull(context, "context");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Returns the summary it printed; throws (after printing it) when the run failed before verifying. */
    RunSummary run(EndpointOptions.Endpoints endpoints, CopySettings settings) {
        Instant start = context.clock().instant();
        Map<String, String> facts = settings.facts(endpoints);
        LOG.info("copy {} -> {} with {}", endpoints.source().describe(), endpoints.target().describe(), settings);
        RunSummary summary = new RunSummary("copy", facts, Optional.empty(), VerificationReport.empty(), List.of(),
                Duration.ZERO, Optional.empty());
        try {
            var engine = context.engines().get(settings.engine());
            var verifier = verifier(settings);
            checkLogin(endpoints.source());
            List<String> notices = prepareTarget(endpoints.target(), settings);
            summary = new RunSummary("copy", facts, Optional.empty(), VerificationReport.empty(), notices,
                    Duration.ZERO, Optional.empty());
            CopyResult copy = engine.copy(new CopyRequest(endpoints.source(), endpoints.target(),
                    settings.copyOptions()), progress);
            summary = new RunSummary("copy", facts, Optional.of(copy), VerificationReport.empty(), notices,
                    Duration.between(start, context.clock().instant()), Optional.empty());
            VerificationReport verification = verifier.verify(endpoints.source(), endpoints.target());
            summary = new RunSummary("copy", facts, Optional.of(copy), verification, notices,
                    Duration.between(start, context.clock().instant()), Optional.empty());
            LOG.info("copy finished: {}, {} findings", summary.result(), verification.findings().size());
            reports.print(summary);
            return summary;
        } catch (MigrationException e) {
            RunSummary failed = new RunSummary("copy", summary.facts(), summary.copy(), summary.verification(),
                    summary.notices(), Duration.between(start, context.clock().instant()), Optional.of(e.getMessage()));
            reports.print(failed);
            throw e;
        }
    }

    /** The level's checks, plus ownership when the copy was asked to set an owner. */
    private Verifier verifier(CopySettings settings) {
        Verifier level = context.verifiers().forLevel(settings.verifyLevel());
        if (settings.owner().isEmpty() || settings.verifyLevel().equals(Verifiers.NONE)) {
            return level;
        }
        return Verifier.allOf(level, Verifiers.ownership(settings.owner().get()));
    }

    private List<String> prepareTarget(DatabaseEndpoint target, CopySettings settings) {
        TargetGuard.Outcome outcome = new TargetGuard(connector).prepare(target, settings.owner(), settings.clean());
        return switch (outcome) {
            case CREATED -> List.of("created database " + target.database() + " on " + target.host() + ":"
                    + target.port() + " (UTF8, locale C)");
            case RECREATED -> List.of("--clean: dropped and recreated database " + target.database() + " on "
                    + target.host() + ":" + target.port());
            case EMPTY -> List.of();
        };
    }

    private void checkLogin(DatabaseEndpoint endpoint) {
        try (Connection ignored = connector.openRaw(endpoint)) {
            LOG.debug("logged in to {}", endpoint.describe());
        } catch (SQLException e) {
            LOG.debug("closing the login check failed", e);
        }
    }
}
