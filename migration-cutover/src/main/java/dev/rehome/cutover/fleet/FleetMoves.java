package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Step;
import dev.rehome.core.StopSignal;
import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.Coverage;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.discovery.ServerVersionProbe;
import dev.rehome.kubectl.discovery.SourceDiscovery;
import dev.rehome.kubectl.inventory.AuditScope;
import dev.rehome.kubectl.inventory.ClusterAuditor;
import dev.rehome.kubectl.retry.KubeRetry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The fleet commands' work in one place: find the uncovered standalone PostgreSQL databases (the audit), derive
 * each one's cutover, and build the move that runs it in a {@link FleetWorld}. Thread-safe when the world is.
 *
 * <pre>{@code
 * FleetMoves moves = new FleetMoves(world, FleetOptions.defaults(), MoveSettings.defaults("me"), c -> listener, clock, s -> s);
 * FleetReport report = new FleetRun(clock).run(moves.tasks(moves.uncovered(into), into), 1);
 * }</pre>
 */
public final class FleetMoves {
    private final FleetWorld world;
    private final FleetOptions options;
    private final MoveSettings settings;
    private final Function<FleetCutover, MigrationListener> listeners;
    private final Clock clock;
    private final UnaryOperator<Step> decorate;
    private final StopSignal stop;

    /** {@code listeners}: the progress listener of each move (e.g. one that prefixes lines with the database). */
    public FleetMoves(FleetWorld world, FleetOptions options, MoveSettings settings,
                      Function<FleetCutover, MigrationListener> listeners, Clock clock, UnaryOperator<Step> decorate) {
        this(world, options, settings, listeners, clock, decorate, new StopSignal());
    }

    /** With {@code stop} checked before every step of every move (SIGTERM, Ctrl-C): each stops and rolls back. */
    public FleetMoves(FleetWorld world, FleetOptions options, MoveSettings settings,
                      Function<FleetCutover, MigrationListener> listeners, Clock clock, UnaryOperator<Step> decorate,
                      StopSignal stop) {
        this.stop = Objects.requireNonNull(stop, "stop");
        this.world = Objects.requireNonNull(world, "world");
        this.options = Objects.requireNonNull(options, "options");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decorate = Objects.requireNonNull(decorate, "decorate");
    }

    /** Every standalone PostgreSQL (Deployment or StatefulSet) the audit finds with coverage {@code none}. */
    public List<NamespacedName> uncovered(NamespacedName into) {
        return new ClusterAuditor(world.client(), clock).audit(new AuditScope(Set.of()), Optional.of(into.toString()))
                .findings().stream()
                .filter(f -> f.coverage() == Coverage.NONE && f.engine().startsWith("postgresql"))
                .filter(f -> f.kind().equals("Deployment") || f.kind().equals("StatefulSet"))
                .map(AuditFinding::qualifiedName).sorted().distinct().map(NamespacedName::parse).toList();
    }

    public FleetCutover derive(NamespacedName workload, NamespacedName into) {
        FleetPlanner planner = new FleetPlanner(world.client(), new SourceDiscovery(world.client(),
                ServerVersionProbe.none(), KubeRetry.standard()), world.tables());
        return world.prepare(planner.derive(workload, into, options));
    }

    public FleetMove move(FleetCutover cutover) {
        CutoverPorts ports = world.ports(cutover);
        if (settings.allowArgoPatch() && cutover.argoManaged()) {
            ports = new CutoverPorts(new DirectPatchWorkloads(ports.workloads()), ports.secrets(), ports.volumes(),
                    ports.backups(), ports.network(), ports.databases(), ports.provisioner(), ports.lock(),
                    ports.engines(), ports.verifier(), ports.health(), ports.journal(), ports.restoreProofs());
        }
        RunOptions run = RunOptions.defaults(settings.holder()).withEngine(settings.engine())
                .withRetire(settings.retireNow(), settings.deleteVolume());
        if (settings.skipRestoreProof().isPresent()) {
            run = run.withRestoreProofSkipped(settings.skipRestoreProof().get());
        }
        Optional<java.nio.file.Path> gitops = cutover.argoManaged() && !settings.allowArgoPatch()
                ? settings.gitopsDir().or(() -> world.gitopsDir(cutover)) : Optional.empty();
        if (gitops.isPresent()) {
            run = run.withGitopsDir(gitops.get());
        }
        return new FleetMove(cutover, ports, run, listeners.apply(cutover), clock, decorate, stop);
    }

    /** One fleet task per database: derive its plan, then migrate it. */
    public List<FleetRun.Task> tasks(List<NamespacedName> workloads, NamespacedName into) {
        return workloads.stream().map(w -> new FleetRun.Task(w.toString(), into.toString(),
                () -> move(derive(w, into)).migrate())).toList();
    }
}
