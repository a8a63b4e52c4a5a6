package dev.rehome.fleet.cli;

import dev.rehome.core.tls.TlsMode;
import dev.rehome.cutover.cli.Choices;
import dev.rehome.cutover.fleet.FleetOptions;
import dev.rehome.kubectl.NamespacedName;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code plan}, {@code migrate} and {@code retire} share (the contract's common flags). */
final class MoveOptions {
    @Option(names = "--into", required = true, paramLabel = "NAMESPACE/CLUSTER", converter = NamespacedNames.class,
            description = "The CloudNativePG cluster that becomes the new home, e.g. postgres/pal-e-postgres.")
    NamespacedName into;

    @Option(names = "--sandbox", description = "Run against the embedded fleet: the real cluster's manifests in an "
            + "in-process API, one PostgreSQL 15 per standalone app (basketball-api, mcd-tracker, pal-e-mail) and a "
            + "PostgreSQL 17 playing pal-e-postgres. Needs only Java. Implies --yes.")
    boolean sandbox;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "As in kubectl (default: $KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context to use.")
    String context;

    @Option(names = "--target-tls", paramLabel = "MODE", converter = Choices.TargetTlsModes.class,
            completionCandidates = Choices.TargetTlsModes.class, description = "TLS to the CNPG target: verify-full "
            + "(default: signed by the CA in Secret <cluster>-ca and naming <cluster>-rw.<ns>.svc), require (encrypted, "
            + "NOT checked) or disable (no TLS). Anything but verify-full is an opt-out and is logged as one.")
    String targetTls;

    @Option(names = "--engine", paramLabel = "ID", converter = Choices.MoveEngines.class,
            completionCandidates = Choices.MoveEngines.class, description = "Copy engine: dump-restore (default; dump-restore-job "
            + "when --parallel > 1 on a real cluster) or jdbc-direct.")
    String engine;

    @Option(names = "--gitops-dir", paramLabel = "DIR", description = "Checkout of the deployments repo: the re-point "
            + "of an ArgoCD-managed app is committed there on a new branch (never pushed).")
    Path gitopsDir;

    @Option(names = "--allow-argocd-patch", description = "Patch an ArgoCD-managed app in the cluster directly "
            + "instead of refusing without --gitops-dir (its self-heal may revert the re-point).")
    boolean allowArgoPatch;

    @Option(names = "--role", paramLabel = "NAME", description = "Role on the target (default: the namespace, "
            + "dashes as underscores).")
    String role;

    @Option(names = "--database", paramLabel = "NAME", description = "Database on the target (default: the "
            + "source's POSTGRES_DB).")
    String database;

    @Option(names = "--health-url", paramLabel = "URL", description = "The app's health URL (default: from its HTTP "
            + "readiness probe; none: readiness only).")
    String healthUrl;

    @Option(names = "--dry-run", description = "Show the plan with the preflight verdicts; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Answer the confirmation for scripts. Without a terminal and without "
            + "--yes, changing commands refuse (exit 3).")
    boolean yes;

    FleetOptions fleetOptions() {
        return new FleetOptions(Optional.ofNullable(role), Optional.ofNullable(database), Optional.ofNullable(healthUrl),
                allowArgoPatch);
    }

    /** What the user chose, else verify-full. */
    TlsMode targetTls() {
        return targetTls == null ? TlsMode.VERIFY_FULL : TlsMode.parse(targetTls);
    }

    String engine(int parallel) {
        if (engine != null) {
            return engine;
        }
        return parallel > 1 && !sandbox ? "dump-restore-job" : "dump-restore";
    }

    /** Converts {@code NAMESPACE/NAME}; a bad value is a usage error. */
    static final class NamespacedNames implements picocli.CommandLine.ITypeConverter<NamespacedName> {
        @Override
        public NamespacedName convert(String value) {
            try {
                return NamespacedName.parse(value);
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
