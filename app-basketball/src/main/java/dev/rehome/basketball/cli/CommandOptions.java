package dev.rehome.basketball.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which of the {@link CommonOptions} each command uses, so its {@code --help} shows only those: {@code status} shows
 * no {@code --engine}, {@code verify} no {@code --yes}. The others stay accepted, hidden, because the CLI contract
 * lists them for every command and scripts pass them so; a bad value is still exit 2. The options are declared
 * once, in {@link CommonOptions}; each command shows the groups it uses.
 */
final class CommandOptions {
    /** Where the cutover lives: every command. */
    static final Set<String> WHERE = Set.of("--sandbox", "--sandbox-size-mb", "--config", "--kubeconfig", "--context", "--journal-dir",
            "--target-tls");
    /** How the cutover runs. */
    static final Set<String> CUTOVER = Set.of("--engine", "--gitops-dir", "--health-url");
    /** Commands that change a live system. */
    static final Set<String> CHANGE = Set.of("--dry-run", "--yes");
    /** Commands that print a result. */
    static final Set<String> FORMAT = Set.of("--output");
    /** Commands that print a cutover report. */
    static final Set<String> REPORT = Set.of("--output", "--report-json");

    private CommandOptions() {
    }

    /** {@code command} showing only the common options of {@code groups}; its own and the help options stay shown. */
    @SafeVarargs
    static CommandLine only(CommandLine command, Set<String>... groups) {
        Set<String> kept = Stream.of(groups).flatMap(Set::stream).collect(Collectors.toSet());
        Set<String> common = new CommandLine(new Holder()).getCommandSpec().options().stream()
                .map(OptionSpec::longestName).collect(Collectors.toSet());
        List<OptionSpec> drop = new ArrayList<>();
        for (OptionSpec o : command.getCommandSpec().options()) {
            if (common.contains(o.longestName()) && !kept.contains(o.longestName())) {
                drop.add(o);
            }
        }
        for (OptionSpec o : drop) {
            command.getCommandSpec().remove(o);
            command.getCommandSpec().addOption(OptionSpec.builder(o).hidden(true).build());
        }
        return command;
    }

    /** A command with only the common options, to learn their names. */
    @CommandLine.Command
    private static final class Holder {
        @CommandLine.Mixin
        CommonOptions options;
    }
}
