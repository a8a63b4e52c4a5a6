package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.Choices.ReportFormats;
import dev.rehome.core.FileJournal;
import dev.rehome.core.JournalState;
import dev.rehome.cutover.CutoverRunner;
import dev.rehome.cutover.report.RecordJson;
import dev.rehome.cutover.steps.AppDrift;
import java.util.List;
import dev.rehome.core.cutover.CutoverConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, description = {"Show the journal: each step's state and when, "
        + "and the facts recorded (no secrets).", "Reads the local mirror (--journal-dir, default ~/.rehome/journal): "
        + "no cluster needed. The cluster's copy (a ConfigMap) is read by migrate, rollback and retire.",
        "With --check-drift it reads the cluster's journal and, once the app was re-pointed and until retire, checks "
        + "that the app still reads the new home: exit 1 when something put the old definition back."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = "--check-drift", description = "Also check, in the cluster, that the re-pointed app still reads the"
            + " new home's Secret (ArgoCD self-heal or an old manifest applied puts the old database back): exit 1 on"
            + " drift, e.g. in a CronJob until retire.")
    boolean checkDrift;

    private final Cli cli;

    StatusCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (options.sandbox || checkDrift) {
            try (Session s = cli.sessions().open(options, cli.progress(), false, false)) {
                CutoverRunner runner = s.runner();
                List<JournalState> states = List.of(runner.status(), runner.retireStatus());
                if (!checkDrift) {
                    print(states);
                    return 0;
                }
                DriftCheck drift = DriftCheck.of(runner);
                print(states, drift);
                return drift.found() ? 1 : 0;
            }
        }
        CutoverConfig config = SessionFactory.config(options);
        FileJournal journal = new FileJournal(SessionFactory.journalDir(options));
        print(List.of(journal.read(config.planName()), journal.read(config.planName() + ":retire")));
        return 0;
    }

    private void print(List<JournalState> states) {
        if (ReportFormats.JSON.equals(options.format())) {
            cli.out().print(RecordJson.render(java.util.Map.of("journals", states)));
            return;
        }
        states.forEach(this::print);
    }

    private void print(List<JournalState> states, DriftCheck drift) {
        if (ReportFormats.JSON.equals(options.format())) {
            cli.out().print(RecordJson.render(new java.util.TreeMap<>(java.util.Map.of("journals", states, "drift", drift))));
            return;
        }
        states.forEach(this::print);
        cli.out().println(drift.line());
    }

    /** What {@code --check-drift} found; {@code checked} is false before the re-point and after retire. */
    record DriftCheck(boolean checked, boolean found, String detail) {
        static DriftCheck of(CutoverRunner runner) {
            if (!runner.cutOver()) {
                return new DriftCheck(false, false, "the app is not re-pointed yet, or the old database is retired");
            }
            return runner.drift().map(d -> new DriftCheck(true, true, d))
                    .orElseGet(() -> new DriftCheck(true, false, new AppDrift(runner.cutover()).expected()));
        }

        String line() {
            return (found ? "DRIFT: " : checked ? "drift: none: " : "drift: not checked: ") + detail;
        }
    }

    private void print(JournalState state) {
        cli.out().println("# " + state.plan());
        if (state.steps().isEmpty()) {
            cli.out().println("(nothing run yet)");
        }
        state.steps().forEach(r -> cli.out().println("- " + r.stepId() + ": " + r.status().name().toLowerCase()
                + " at " + r.at() + (r.detail().isEmpty() ? "" : " — " + r.detail())));
        state.facts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> cli.out().println("  " + e.getKey() + " = " + e.getValue()));
    }
}
