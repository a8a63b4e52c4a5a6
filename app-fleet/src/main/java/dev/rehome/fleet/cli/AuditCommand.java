package dev.rehome.fleet.cli;

import dev.rehome.testkit.audit.AuditCluster;
import dev.rehome.testkit.audit.AuditCrds;
import dev.rehome.testkit.audit.SimulatedApiServer;
import dev.rehome.core.MigrationException;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Severity;
import dev.rehome.cutover.audit.AuditRenderer;
import dev.rehome.fleet.audit.KubeClientFactory;
import dev.rehome.cutover.audit.OutputFormat;
import dev.rehome.kubectl.inventory.AuditScope;
import dev.rehome.kubectl.inventory.ClusterAuditor;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rehome-fleet audit}: which data in the cluster would be gone if a disk died or a PVC were deleted.
 * Read-only; one list request per kind, whatever the number of namespaces.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find every database in the cluster and tell whether anything backs it up.",
                "Read-only: it lists resources (one request per kind) and changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:audit done; no finding reaches --fail-on (or no --fail-on given)",
            "1:a finding reaches --fail-on (a check failed, as 'verification failed' elsewhere)",
            "2:usage error (a flag is wrong, the kubeconfig is missing)",
            "4:cannot reach the cluster or the login was refused"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  rehome-fleet audit --sandbox                         # try it without a cluster",
            "  rehome-fleet audit",
            "  rehome-fleet audit --output markdown > audit.md",
            "  rehome-fleet audit --output json --fail-on high        # nightly CI gate",
            "  rehome-fleet audit -o prometheus > /textfile/rehome.prom # scraped by node-exporter",
            "  rehome-fleet audit -n basketball-api -n mcd-tracker --context prod"})
public final class AuditCommand implements Callable<Integer> {
    /** Exit code when a finding reaches {@code --fail-on}: like a failed verification, a check failed. */
    public static final int EXIT_FINDING_REACHES_FAIL_ON = 1;

    @Spec
    private CommandSpec spec;

    @Mixin
    private KubeconfigOptions kube;

    @Option(names = "--sandbox", description = "Audit a seeded in-process cluster instead (18 namespaces: CNPG, Velero, "
            + "K10, snapshots, dump CronJobs, operators, the hostPath trap); no cluster or kubeconfig needed")
    private boolean sandbox;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputFormatConverter.class,
            description = "table (default, for a terminal), json (for scripts), markdown (for a ticket) or "
                    + "prometheus (metrics for alerting: coverage and last-backup age per database)")
    private OutputFormat output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "exit 1 when a finding is this severe or worse: critical, high, medium, low or info")
    private Severity failOn;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "audit only this namespace (repeatable; default: every namespace you may read)")
    private List<String> namespaces = new ArrayList<>();

    @Option(names = "--into", paramLabel = "NAMESPACE/CLUSTER",
            description = "CNPG cluster to name in the 'rehome-fleet plan' remedies (default: the healthiest "
                    + "CNPG cluster with working backups found in the cluster)")
    private String into;

    private final KubeClientFactory clients;
    private final Clock clock;

    /** As {@code rehome-fleet} builds it: the context's environment, home directory and clock. */
    public AuditCommand(CliContext context) {
        this(KubeClientFactory.kubectlLike(context.env(), context.home()), context.clock());
    }

    public AuditCommand(KubeClientFactory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (into != null && !into.matches("[a-z0-9][-a-z0-9.]*/[a-z0-9][-a-z0-9.]*")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--into must be NAMESPACE/CLUSTER, e.g. postgres/pal-e-postgres; got '" + into + "'");
        }
        if (sandbox) {
            err.println("sandbox: auditing a seeded in-process cluster (nothing real is read)");
            try (SimulatedApiServer world = SimulatedApiServer.start(AuditCrds.REALISTIC, clock)) {
                world.seed(AuditCluster.RESOURCE, AuditCluster.SEEN_AT);
                return audit(() -> world.newClient(), out, err);
            }
        }
        return audit(() -> kube.connect(clients), out, err);
    }

    private int audit(java.util.function.Supplier<KubernetesClient> connect, PrintWriter out, PrintWriter err) {
        try (KubernetesClient client = connect.get()) {
            AuditReport report = new ClusterAuditor(client, clock)
                    .audit(new AuditScope(Set.copyOf(namespaces)), Optional.ofNullable(into));
            out.print(AuditRenderer.of(output).render(report));
            out.flush();
            if (failOn != null && report.reaches(failOn)) {
                long count = report.findings().stream().filter(f -> f.severity().reaches(failOn)).count();
                err.println("rehome-fleet audit: " + count + " finding(s) at " + failOn.label() + " or worse (--fail-on "
                        + failOn.label() + ")");
                return EXIT_FINDING_REACHES_FAIL_ON;
            }
            return 0;
        } catch (MigrationException e) {
            err.println("rehome-fleet audit: " + e.getMessage());
            return e.errorCode().exitCode();
        }
    }

    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.fromLabel(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OutputFormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown output '" + value
                        + "' (expected table, json, markdown or prometheus)");
            }
        }
    }
}
