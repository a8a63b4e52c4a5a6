package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.Choices.Engines;
import dev.rehome.cutover.cli.Choices.ReportFormats;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options the commands share, declared once; {@link CommandOptions} keeps for each command those it takes. */
public final class CommonOptions {
    @Option(names = "--sandbox", description = "Run against an embedded copy of the whole setup (two PostgreSQL servers,"
            + " the cluster's objects, a deployments repo, the app's health check). Needs only Java. Implies --yes.")
    boolean sandbox;

    @Option(names = "--sandbox-size-mb", paramLabel = "N", description = "With --sandbox: add about N MiB of rows"
            + " (one more table, with its indexes) to the sandbox's source, to see the copy, the checks and the downtime"
            + " at your database's size. Default 0: only basketball-api's own rows.")
    long sandboxSizeMb;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML overriding the defaults (the real cluster's names).")
    Path config;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "As in kubectl (default: $KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context to use.")
    String context;

    @Option(names = "--target-tls", paramLabel = "MODE", converter = TlsChoice.class,
            completionCandidates = TlsChoice.class, description = "TLS to the CNPG target: verify-full (default: signed by"
            + " the CA in Secret <cluster>-ca and naming <cluster>-rw.<ns>.svc), require (encrypted, NOT checked) or"
            + " disable (no TLS). Anything but verify-full is an opt-out and is printed as one.")
    dev.rehome.core.tls.TlsMode targetTls;

    @Option(names = "--health-url", paramLabel = "URL", description = "The app's health URL; must answer 200 after the cutover.")
    String healthUrl;

    @Option(names = "--gitops-dir", paramLabel = "DIR", description = "Checkout of the deployments repo: the re-point is"
            + " committed there on a new branch (never pushed). Needed when ArgoCD manages the app.")
    Path gitopsDir;

    @Option(names = "--engine", paramLabel = "ID", defaultValue = "dump-restore", converter = Engines.class,
            completionCandidates = Engines.class,
            description = "Copy engine: dump-restore (default, pg_dump | pg_restore) or jdbc-direct.")
    String engine = "dump-restore";

    @Option(names = "--dry-run", description = "Show what would happen, with the preflight verdicts; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Answer the confirmation for scripts. Without a terminal and without --yes,"
            + " changing commands refuse (exit 3).")
    boolean yes;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the report as JSON; '-' means"
            + " standard output (instead of the table).")
    Path reportJson;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = ReportFormats.TABLE,
            converter = ReportFormats.class, completionCandidates = ReportFormats.class,
            description = "table (default), markdown or json; results on stdout, progress on stderr.")
    String output = ReportFormats.TABLE;

    /** The format of what goes to stdout: JSON when asked by -o json or --report-json -. */
    String format() {
        return reportJson != null && reportJson.toString().equals("-") ? ReportFormats.JSON : output;
    }

    /** The file --report-json names, unless it means standard output. */
    java.util.Optional<Path> reportFile() {
        return java.util.Optional.ofNullable(reportJson).filter(p -> !p.toString().equals("-"));
    }

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "Where the local journal lives (default ~/.rehome/journal).")
    Path journalDir;

    /** What the user chose, else verify-full: the default is never weaker than the cluster allows. */
    dev.rehome.core.tls.TlsMode targetTls() {
        return targetTls == null ? dev.rehome.core.tls.TlsMode.VERIFY_FULL : targetTls;
    }
}
