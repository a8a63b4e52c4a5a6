package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.EngineVersion;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.UnreadableResource;
import dev.rehome.kubectl.discovery.ServerVersionProbe;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Answers "which data in this cluster would be gone if a disk died or a PVC were deleted?". Reads the cluster
 * once per kind ({@link InventoryReader}), finds every data store, decides its backup coverage and risks, and
 * returns the findings worst first. Read-only.
 *
 * <pre>{@code
 * AuditReport report = new ClusterAuditor(client, Clock.systemUTC()).audit(AuditScope.allNamespaces(), Optional.empty());
 * report.findings().forEach(f -> System.out.println(f.qualifiedName() + " " + f.coverage() + " " + f.severity()));
 * }</pre>
 */
public final class ClusterAuditor {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterAuditor.class);
    /** CNPG instance pods carry it; they are judged through their Cluster, even when an owner reference is missing. */
    private static final String CNPG_CLUSTER_LABEL = "cnpg.io/cluster";
    private static final Set<String> WORKLOAD_KINDS = Set.of("pods", "deployments", "statefulsets", "daemonsets");

    private final KubernetesClient client;
    private final Clock clock;
    private final ServerVersionProbe versions;

    public ClusterAuditor(KubernetesClient client, Clock clock) {
        this(client, clock, ServerVersionProbe.none());
    }

    /**
     * @param versions asks a running server its major version (e.g. {@code ExecServerVersionProbe}, which runs
     *                 {@code postgres -V} in the container); the audit stays read-only without one, and by default
     *                 ({@link ServerVersionProbe#none()}) it asks nothing
     */
    public ClusterAuditor(KubernetesClient client, Clock clock, ServerVersionProbe versions) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    /**
     * @param scope      the namespaces to report on
     * @param planTarget {@code namespace/cluster} to name in the remedy of standalone PostgreSQL; when empty, the
     *                   healthiest CNPG cluster with working backups is picked
     */
    public AuditReport audit(AuditScope scope, Optional<String> planTarget) {
        ClusterInventory inventory = new InventoryReader(client).read(scope);
        StorageIndex storage = new StorageIndex(inventory);
        CnpgClusterAssessor cnpg = new CnpgClusterAssessor(inventory, storage, clock);
        List<AuditFinding> cnpgFindings = inventory.custom(CustomKind.CNPG_CLUSTER).stream().map(cnpg::assess).toList();
        Remedies remedies = new Remedies(planTarget.orElseGet(() -> healthiestCnpg(cnpgFindings)));
        ScheduleRuns runs = new ScheduleRuns(inventory, clock);
        VolumeCapture capture = new VolumeCapture(inventory, storage);
        SnapshotCoverage snapshots = new SnapshotCoverage(inventory, storage, runs);
        VeleroCoverage velero = new VeleroCoverage(inventory, capture, runs);
        K10Coverage k10 = new K10Coverage(inventory, capture, runs);
        ConsumerFinder consumers = new ConsumerFinder(inventory);
        DumpCoverage dumps = new DumpCoverage(inventory, storage, runs, consumers);
        DataStoreAssessor assessor = new DataStoreAssessor(inventory, List.of(velero::evaluate, k10::evaluate,
                store -> snapshots.evaluate(store.workload().namespace(), store.claimNames()).stream().toList(),
                dumps::evaluate), remedies, clock);
        DataStoreDetector detector = new DataStoreDetector(storage);
        List<Workload> all = workloads(inventory);
        // Operators' pods are judged through their cluster resource; their claims are still in use, not orphans.
        List<Workload> workloads = all.stream().filter(w -> !w.podLabels().containsKey(CNPG_CLUSTER_LABEL))
                .filter(w -> !OperatorClusters.operatorManaged(w)).toList();

        // Indexed once: looking a workload's pod up in the whole pod list per data store is quadratic.
        Map<String, List<Pod>> runningPods = inventory.pods().stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace()));
        List<AuditFinding> findings = new ArrayList<>(cnpgFindings);
        findings.addAll(new OperatorClusters(inventory, runs, clock).findings());
        workloads.stream().map(detector::detect).flatMap(Optional::stream).map(store -> askVersion(store, runningPods))
                .map(store -> assessor.assess(store)
                        .withConsumers(consumers.consumersOf(store.workload(), store.container())))
                .forEach(findings::add);
        findings.addAll(new OrphanClaims(inventory, storage, snapshots, clock).find(all));
        findings.addAll(unreadableNamespaces(inventory.unreadable()));
        List<AuditFinding> inScope = findings.stream().filter(f -> scope.includes(f.namespace())).toList();
        return new AuditReport(clock.instant(), inScope, inventory.unreadable(), inventory.apiRequests());
    }

    /**
     * The server's own answer beats the image tag. Only PostgreSQL is asked (the probe speaks PostgreSQL), in one
     * running pod of the workload; no pod, no answer or a failing probe keeps what the image said.
     */
    private DataStore askVersion(DataStore store, Map<String, List<Pod>> runningPods) {
        if (store.engine() != DataEngine.POSTGRESQL) {
            return store;
        }
        Workload workload = store.workload();
        Optional<String> pod = runningPod(workload, runningPods.getOrDefault(workload.namespace(), List.of()));
        if (pod.isEmpty()) {
            return store;
        }
        try {
            OptionalInt major = versions.majorVersion(workload.namespace(), pod.get(), store.container());
            return major.isEmpty() ? store : store.withVersion(new EngineVersion(Integer.toString(major.getAsInt()),
                    EngineVersion.Source.SERVER, "the server in pod " + pod.get() + " answered"));
        } catch (RuntimeException e) {
            LOG.debug("could not ask {} its version: {}", workload.qualifiedName(), e.getMessage());
            return store;
        }
    }

    /** A running pod of the workload: the bare pod itself, or one carrying all of its template's labels. */
    private static Optional<String> runningPod(Workload workload, List<Pod> running) {
        return running.stream()
                .filter(p -> workload.kind().equals("Pod") ? workload.name().equals(p.getMetadata().getName())
                        : !workload.podLabels().isEmpty() && p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().entrySet().containsAll(workload.podLabels().entrySet()))
                .map(p -> p.getMetadata().getName()).sorted().findFirst();
    }

    private static List<Workload> workloads(ClusterInventory inventory) {
        return Stream.of(
                inventory.deployments().stream().map(Workload::of),
                inventory.statefulSets().stream().map(Workload::of),
                inventory.daemonSets().stream().map(Workload::of),
                inventory.pods().stream().filter(ClusterAuditor::isBare).map(Workload::of)
        ).flatMap(s -> s).toList();
    }

    /** A pod no controller owns; owned pods are judged through their owner. */
    private static boolean isBare(Pod pod) {
        return pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().isEmpty();
    }

    private static String healthiestCnpg(List<AuditFinding> cnpgFindings) {
        return cnpgFindings.stream()
                .filter(f -> f.coverage() == Coverage.CNPG && !f.severity().reaches(Severity.HIGH))
                .min(Comparator.comparing(AuditFinding::severity, Comparator.reverseOrder())
                        .thenComparing(AuditFinding::qualifiedName))
                .map(AuditFinding::qualifiedName).orElse(Remedies.UNKNOWN_TARGET);
    }

    private static List<AuditFinding> unreadableNamespaces(List<UnreadableResource> unreadable) {
        TreeSet<String> namespaces = new TreeSet<>();
        unreadable.stream().filter(u -> u.namespace() != null && WORKLOAD_KINDS.contains(u.kind()))
                .forEach(u -> namespaces.add(u.namespace()));
        return namespaces.stream().map(namespace -> new AuditFinding(namespace, "*", "Namespace", "unknown",
                Coverage.UNKNOWN, Severity.MEDIUM,
                List.of("cannot list workloads here (forbidden): any database in this namespace is unaudited"),
                "grant get/list on pods, deployments, statefulsets and persistentvolumeclaims in " + namespace
                        + " (e.g. the view ClusterRole), or run the audit as someone who has it",
                List.of(), null)).toList();
    }

}
