package dev.rehome.fleet.cli;

import dev.rehome.jdbc.PgConnector;
import dev.rehome.jdbc.TargetGuard;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** {@code copy --dry-run}: logs in to both servers, inspects the target and says what a copy would do. */
final class DryRun {
    private final CliContext context;
    private final PgConnector connector;

    DryRun(CliContext context, PgConnector connector) {
        this.context = Objects.requireNonNull(context, "context");
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** 0 when a copy would go ahead, 3 when it would be refused. */
    int run(EndpointOptions.Endpoints endpoints, CopySettings settings) {
        try (Connection ignored = connector.openRaw(endpoints.source())) {
            // logging in is the check
        } catch (SQLException e) {
            // closing failed after a good login: nothing to report
        }
        TargetGuard.Inspection state = new TargetGuard(connector).inspect(endpoints.target());
        var out = context.out();
        out.println("# rehome copy: dry run (nothing was changed)\n");
        out.println("| | |\n|---|---|");
        settings.facts(endpoints).forEach((k, v) -> out.println("| " + k + " | " + v + " |"));
        String target;
        int exit = 0;
        if (!state.exists()) {
            target = "does not exist: would be created (UTF8, locale C)";
        } else if (state.empty()) {
            target = "exists and is empty: the copy would go ahead";
        } else if (settings.clean()) {
            target = "holds " + String.join("; ", state.objects()) + ": would be dropped and recreated (--clean)";
        } else {
            target = "holds " + String.join("; ", state.objects()) + ": the copy would be refused (pass --clean)";
            exit = 3;
        }
        out.println("| target database | " + target + " |");
        out.println("| then | copy with " + settings.engine() + ", verify " + settings.verifyLevel() + " |");
        out.flush();
        return exit;
    }
}
