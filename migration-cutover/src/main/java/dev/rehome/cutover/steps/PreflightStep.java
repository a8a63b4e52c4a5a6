package dev.rehome.cutover.steps;

import dev.rehome.core.RefusedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.Backups;
import dev.rehome.core.cutover.NetworkVerdict;
import dev.rehome.core.cutover.SourceVolume;
import dev.rehome.jdbc.fence.FencePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Refuses before anything changes: both servers reachable, target major >= source major, every source extension
 * available on the target, no foreign database or role of the target's names, NetworkPolicy admits the app,
 * ArgoCD ownership known (and a deployments checkout given when it manages the app), the PGDATA volume proven,
 * a fence possible with the logins found (else it names the credential to provide), and a backup schedule in the
 * new home that is not suspended.
 * Its one change is the safe one: the source's PV reclaim policy becomes Retain.
 */
public final class PreflightStep implements Step {
    private final Cutover cutover;

    public PreflightStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "preflight";
    }

    @Override
    public String title() {
        return "Preflight: versions, extensions, names, NetworkPolicy, ArgoCD, the database's own volume";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        var c = cutover.config();
        return List.of("reads: server versions and pg_extension of " + cutover.source().describe() + " and "
                        + cutover.targetLabel(),
                "reads: Deployment " + cutover.sourceWorkload() + " -> the PVC mounted at PGDATA (expected '"
                        + c.source().pvc() + "') -> its PV",
                "reads: NetworkPolicy in namespace " + c.target().namespace() + "; ArgoCD tracking of Deployment "
                        + cutover.app(),
                "changes: PersistentVolume of PVC " + c.source().namespace() + "/" + c.source().pvc()
                        + ": persistentVolumeReclaimPolicy -> Retain (undo: not needed, Retain only protects)");
    }

    @Override
    public void run(StepContext ctx) {
        PreflightReport report = inspect(ctx.clock());
        report.lines().forEach(ctx.listener()::onNotice);
        report.refusals().stream().findFirst().ifPresent(r -> {
            throw new RefusedException(r);
        });
        ctx.putFact(Facts.SOURCE_MAJOR, String.valueOf(report.sourceMajor()));
        ctx.putFact(Facts.TARGET_MAJOR, String.valueOf(report.targetMajor()));
        ctx.putFact(Facts.ARGO, String.valueOf(report.argo()));
        ctx.putFact(Facts.NETWORK, report.network().reason());
        if (ctx.fact(Facts.DOWNTIME_ESTIMATE_MILLIS).isEmpty()) {
            ctx.putFact(Facts.DOWNTIME_ESTIMATE_MILLIS, String.valueOf(report.downtimeEstimateMillis()));
        }
        SourceVolume v = report.volume();
        if (ctx.fact(Facts.PVC_UID).isEmpty()) {
            ctx.putFact(Facts.PVC, v.pvc());
            ctx.putFact(Facts.PVC_UID, v.uid());
            ctx.putFact(Facts.PVC_RESOURCE_VERSION, v.resourceVersion());
            ctx.putFact(Facts.PV, v.pv());
        }
        cutover.ports().volumes().retain(ctx.requireFact(Facts.PV));
        ctx.listener().onNotice("PV " + ctx.requireFact(Facts.PV) + " of " + v.namespace() + "/" + v.pvc()
                + " now has reclaim policy Retain");
    }

    /** Every check, without changing anything: also what {@code plan} and {@code --dry-run} show. */
    public PreflightReport inspect(java.time.Clock clock) {
        var c = cutover.config();
        List<String> lines = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        // Asked again after the fence (a preview of retire, a resumed run), the source answers only the fence's login.
        var journaled = cutover.ports().journal().read(c.planName()).facts();
        ServerFacts source = ServerFacts.read(cutover.source(journaled, clock));
        ServerFacts target = cutover.ports().databases().targetServer()
                .map(t -> new ServerFacts(t.major(), List.of(), t.availableExtensions(), 0))
                .orElseGet(() -> ServerFacts.read(cutover.ports().databases().targetAdmin("postgres")));
        lines.add("versions: source PostgreSQL " + source.major() + " -> target PostgreSQL " + target.major());
        if (target.major() < source.major()) {
            refusals.add("the target runs PostgreSQL " + target.major() + ", older than the source's "
                    + source.major() + "; a dump cannot go to an older major");
        }
        List<String> missing = source.extensions().stream().filter(e -> !target.available().contains(e)).toList();
        lines.add("extensions: " + (source.extensions().isEmpty() ? "none beyond plpgsql" : String.join(", ", source.extensions()))
                + (missing.isEmpty() ? " (all available on the target)" : "; missing on the target: " + missing));
        if (!missing.isEmpty()) {
            refusals.add("extensions " + missing + " used by the source are not available on " + cutover.targetLabel());
        }
        OptionalLong free = cutover.ports().databases().targetFreeBytes();
        lines.add(TargetRoom.describe(source.databaseBytes(), free));
        TargetRoom.refusal(source.databaseBytes(), free).ifPresent(refusals::add);
        if (cutover.ports().provisioner().foreignObjectsExist(c.target().role(), c.target().database(), cutover.marker())) {
            refusals.add("a database or role named '" + c.target().database() + "'/'" + c.target().role()
                    + "' already exists on " + c.target().cluster() + " and was not created by rehome");
        }
        NetworkVerdict net = cutover.ports().network().verdict(cutover.app(), c.target().namespace(), c.target().cluster());
        lines.add("network: " + net.reason());
        if (!net.admitted()) {
            lines.add("network: apply this NetworkPolicy:\n" + net.policyYaml());
            lines.add("network: or add to terraform/network-policies.tf's postgres ingress allow list: " + net.terraformLine());
            refusals.add("NetworkPolicy in '" + c.target().namespace() + "' does not admit " + cutover.app()
                    + "; apply the policy shown above (or the Terraform line) and rerun");
        }
        FencePlan fence = FencedSource.fenced(journaled) ? null : new FencedSource(cutover, clock).plan();
        if (fence == null) {
            lines.add("fence: in place since an earlier run (journaled; rollback or retire lifts it)");
        } else if (fence instanceof FencePlan.Refuse refuse) {
            refusals.add("no safe fence for the source with the logins found: " + refuse.message());
        } else {
            lines.add("fence: " + ((FencePlan.Fence) fence).why());
        }
        backupCoverage(lines, refusals);
        boolean argo = cutover.ports().workloads().managedByArgo(cutover.app());
        lines.add("argocd: Deployment " + cutover.app() + (argo ? " is managed by ArgoCD: the re-point goes to Git"
                : " is not managed by ArgoCD: the re-point patches the cluster"));
        if (argo && !cutover.gitops()) {
            refusals.add("ArgoCD manages " + cutover.app() + " and would revert a direct patch; pass --gitops-dir "
                    + "with a checkout of the deployments repo");
        }
        SourceVolume volume = cutover.ports().volumes().provePgdataVolume(cutover.sourceWorkload(), c.source().container());
        lines.add("volume: PGDATA of " + cutover.sourceWorkload() + " is PVC " + volume.namespace() + "/" + volume.pvc()
                + " (uid " + volume.uid() + ", PV " + volume.pv() + ", reclaim " + volume.reclaimPolicy() + ")");
        if (!volume.pvc().equals(c.source().pvc())) {
            lines.add("volume: note: the config expected PVC '" + c.source().pvc() + "'; the evidence wins");
        }
        for (String kept : c.retire().protectedPvcs()) {
            lines.add("never touched: PVC " + c.app().namespace() + "/" + kept + " (mounted by the app, not the database's)");
        }
        DowntimeEstimate downtime = DowntimeEstimate.of(sample(source, journaled, clock), cutover.options().engine(),
                cutover.ports().workloads().lastStartup(cutover.app()));
        lines.add("downtime: about " + downtime.total().toSeconds() + " s with the app at 0 replicas (" + downtime.basis() + ")");
        return new PreflightReport(source.major(), target.major(), argo, net, volume, downtime.total().toMillis(), lines,
                refusals);
    }

    /** An estimate never stops a run: a sample that cannot be taken leaves only the database's size to go by. */
    private SourceSample sample(ServerFacts source, java.util.Map<String, String> journaled, java.time.Clock clock) {
        try {
            return new SourceSampler(clock).sample(cutover.source(journaled, clock));
        } catch (dev.rehome.core.MigrationException e) {
            return SourceSample.unknown(source.databaseBytes());
        }
    }

    /** The new home must back the database up on a schedule, or the move only trades one risk for another. */
    private void backupCoverage(List<String> lines, List<String> refusals) {
        var t = cutover.config().target();
        Optional<Backups.Schedule> schedule = cutover.ports().backups().schedule(t.namespace(), t.cluster());
        if (schedule.isEmpty()) {
            refusals.add("CNPG cluster " + t.namespace() + "/" + t.cluster() + " has no ScheduledBackup, so a database"
                    + " moved there gets no regular backup; add one (e.g. daily, with its object store) and rerun");
        } else if (schedule.get().suspended()) {
            refusals.add("ScheduledBackup " + t.namespace() + "/" + schedule.get().name() + " is suspended, so a"
                    + " database moved there gets no regular backup; resume it and rerun");
        } else {
            Backups.Schedule s = schedule.get();
            lines.add("backups: ScheduledBackup " + s.name() + " '" + s.cron() + "'"
                    + s.nextRun().map(n -> ", next run " + n).orElse(""));
        }
    }

    /** What preflight found. */
    public record PreflightReport(int sourceMajor, int targetMajor, boolean argo, NetworkVerdict network,
                                  SourceVolume volume, long downtimeEstimateMillis, List<String> lines,
                                  List<String> refusals) {
        public PreflightReport {
            lines = List.copyOf(lines);
            refusals = List.copyOf(refusals);
        }
    }
}
