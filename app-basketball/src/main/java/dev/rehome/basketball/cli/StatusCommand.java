package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.Choices.ReportFormats;
import dev.rehome.core.FileJournal;
import dev.rehome.core.JournalState;
import dev.rehome.cutover.report.RecordJson;
import java.util.List;
import dev.rehome.core.cutover.CutoverConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, description = {"Show the journal: each step's state and when, "
        + "and the facts recorded (no secrets).", "Reads the local mirror (--journal-dir, default ~/.rehome/journal): "
        + "no cluster needed. The cluster's copy (a ConfigMap) is read by migrate, rollback and retire."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    private final Cli cli;

    StatusCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (options.sandbox) {
            try (Session s = cli.sessions().open(options, cli.progress(), false, false)) {
                print(List.of(s.runner().status(), s.runner().retireStatus()));
            }
            return 0;
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
