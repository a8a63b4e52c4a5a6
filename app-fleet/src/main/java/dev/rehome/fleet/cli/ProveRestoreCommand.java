package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.Choices;
import dev.rehome.core.MigrationException;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.cutover.restore.StandingRestoreProof;
import dev.rehome.fleet.audit.KubeClientFactory;
import dev.rehome.fleet.restore.RestoreProofReport;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.backup.RestoreProof;
import dev.rehome.kubectl.backup.RestoreProver;
import dev.rehome.kubectl.backup.ScratchPolicy;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.kubectl.tls.TargetTls;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rehome-fleet prove-restore}: proves that a database living in a CNPG cluster comes back from its newest
 * backup, on demand or from a CronJob ({@code deploy/prove-restore/cronjob.yaml}).
 */
@Command(name = "prove-restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prove a CNPG database comes back from its backup: recover the newest completed Backup (or "
                + "--backup) into a one-instance scratch cluster, check the database in it has the live schema and "
                + "every table reads to its end, then delete the scratch cluster.",
            "Changes nothing else. Run it on a schedule to know your backups restore, not just that they ran."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the database restored and checked out",
            "1:the restore failed or the restored database differs (see the findings)",
            "2:usage error",
            "3:refused: no completed backup, no login for the database, or no room for a scratch cluster",
            "4:cannot reach the cluster"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  rehome-fleet prove-restore --cluster postgres/pal-e-postgres --database basketball",
            "  rehome-fleet prove-restore --cluster postgres/pal-e-postgres --database basketball -o json",
            "  rehome-fleet prove-restore --cluster postgres/pal-e-postgres --database shop --role shop_owner \\",
            "      --backup pal-e-postgres-20261203020000"})
public final class ProveRestoreCommand implements Callable<Integer> {
    static final int EXIT_PROOF_FAILED = 1;
    static final int EXIT_REFUSED = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "NAMESPACE/NAME", description = "the CNPG cluster")
    private String cluster;

    @Option(names = "--database", required = true, paramLabel = "NAME", description = "the database to prove")
    private String database;

    @Option(names = "--role", paramLabel = "ROLE", description = "log in as this managed role (default: the owner "
            + "the cluster's Database resource declares); its password comes from its passwordSecret")
    private String role;

    @Option(names = "--backup", paramLabel = "NAME", description = "the Backup to restore (default: the newest "
            + "completed one of the cluster)")
    private String backup;

    @Option(names = "--target-tls", paramLabel = "MODE", converter = Choices.TargetTlsModes.class,
            completionCandidates = Choices.TargetTlsModes.class, description = "TLS to the CNPG cluster and to the "
            + "scratch cluster restored from it: verify-full (default: each signed by the CA in its own Secret "
            + "<cluster>-ca and naming <cluster>-rw.<ns>.svc), require (encrypted, NOT checked) or disable (no TLS). "
            + "Anything but verify-full is an opt-out and is said as one.")
    private String targetTls;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            completionCandidates = Choices.ReportFormats.class, converter = Choices.ReportFormats.class,
            description = "table or markdown (the default, Markdown either way: it reads as a table), or json (for"
                    + " scripts and alerts)")
    private String output;

    @Mixin
    private KubeconfigOptions kube;

    private final KubeClientFactory clients;
    private final Clock clock;

    /** As {@code rehome-fleet} builds it. */
    public ProveRestoreCommand(CliContext context) {
        this(KubeClientFactory.kubectlLike(context.env(), context.home()), context.clock());
    }

    public ProveRestoreCommand(KubeClientFactory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NamespacedName at;
        try {
            at = NamespacedName.parse(cluster);
        } catch (dev.rehome.core.InvalidConfigurationException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cluster must be NAMESPACE/NAME, e.g. postgres/pal-e-postgres; got '" + cluster + "'");
        }
        try (KubernetesClient client = kube.connect(clients)) {
            err.println("rehome-fleet prove-restore: " + database + " of " + at + " from "
                    + (backup == null ? "its newest completed backup" : "backup " + backup));
            TlsMode tls = targetTls == null ? TlsMode.VERIFY_FULL : TlsMode.parse(targetTls);
            TargetTls.optOutNotice(tls).ifPresent(err::println);
            RestoreProver prover = new RestoreProver(client, clock, Sleeper.system(), ScratchPolicy.defaults(), tls);
            RestoreProof proof = new StandingRestoreProof(client, prover).prove(new StandingRestoreProof.Request(at,
                    database, Optional.ofNullable(role), Optional.ofNullable(backup)));
            RestoreProofReport report = new RestoreProofReport(at, proof);
            out.print("json".equals(output) ? report.json() : report.markdown());
            out.flush();
            return switch (proof.status()) {
                case PASSED -> 0;
                case FAILED -> EXIT_PROOF_FAILED;
                case SKIPPED -> EXIT_REFUSED;
            };
        } catch (MigrationException e) {
            err.println("rehome-fleet prove-restore: " + e.getMessage());
            return e.errorCode().exitCode();
        }
    }
}
