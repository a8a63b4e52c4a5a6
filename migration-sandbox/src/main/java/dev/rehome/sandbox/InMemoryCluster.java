package dev.rehome.sandbox;

import dev.rehome.core.cutover.BackupStatus;
import dev.rehome.core.cutover.Backups;
import dev.rehome.core.cutover.Network;
import dev.rehome.core.cutover.NetworkVerdict;
import dev.rehome.core.cutover.Secrets;
import dev.rehome.core.cutover.SourceVolume;
import dev.rehome.core.cutover.Volumes;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.cutover.Workloads;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the cluster behind the cutover's ports, holding the objects the cutover reads and changes:
 * workloads (Deployments, StatefulSets, CronJobs: replicas, env; a CronJob's replicas are 1, or 0 while suspended), Secrets, the source PVC and its PV, CNPG Backups (completed at once, as the CNPG
 * operator would) and the NetworkPolicy verdict. Scaling is immediate, like a kubelet with instant pods.
 * Thread-safe. Used by the sandbox and by tests; the Kubernetes adapters of backend-kubectl replace it against
 * a real or mock API server.
 */
public final class InMemoryCluster implements Workloads, Secrets, Volumes, Backups, Network {
    /** One env var: a literal value or a Secret key. */
    public record EnvDef(String literal, String secret, String key) {
        static EnvDef parse(String token) {
            String[] p = token.split("\\|", -1);
            return p[0].equals("secret") ? new EnvDef(null, p[1], p[2]) : new EnvDef(p[1], null, null);
        }

        String token() {
            return secret != null ? "secret|" + secret + "|" + key : "literal|" + literal;
        }
    }

    /**
     * A workload of any {@link WorkloadRef.Kind} (the name is older than the kinds): replicas, env per container,
     * whether ArgoCD tracks it, and the PVCs its pods mount. Add one with {@link #addDeployment} and a kinded ref.
     */
    public static final class Deployment {
        volatile int replicas;
        final Map<String, Map<String, EnvDef>> env = new ConcurrentHashMap<>();
        volatile boolean argo;
        final List<String> pvcs = new ArrayList<>();
    }

    /** A PVC and its PV. */
    public record Pvc(String namespace, String name, String uid, String resourceVersion, String pv, String storageClass,
                      String size) {
    }

    private final Clock clock;
    private final Map<WorkloadRef, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Secret>> secrets = new ConcurrentHashMap<>();
    private final Map<String, Pvc> pvcs = new ConcurrentHashMap<>();
    private final Map<String, String> reclaim = new ConcurrentHashMap<>();
    private final Map<String, BackupStatus> backups = new ConcurrentHashMap<>();
    private final Map<String, String> services = new ConcurrentHashMap<>();
    private volatile NetworkVerdict network = new NetworkVerdict(true, "admitted", "", "");
    private volatile Optional<Schedule> schedule = Optional.empty();

    public InMemoryCluster(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- seeding ----

    public Deployment addDeployment(WorkloadRef ref, int replicas, boolean argo) {
        Deployment d = new Deployment();
        d.replicas = replicas;
        d.argo = argo;
        deployments.put(ref, d);
        return d;
    }

    public void setEnv(WorkloadRef ref, String container, String name, EnvDef def) {
        deployment(ref).env.computeIfAbsent(container, c -> new ConcurrentHashMap<>()).put(name, def);
    }

    public void addPvc(Pvc pvc, WorkloadRef mountedBy, String reclaimPolicy) {
        pvcs.put(pvc.namespace() + "/" + pvc.name(), pvc);
        reclaim.put(pvc.pv(), reclaimPolicy);
        if (mountedBy != null) {
            deployment(mountedBy).pvcs.add(pvc.name());
        }
    }

    public void addService(String namespace, String name) {
        services.put(namespace + "/" + name, name);
    }

    public void network(NetworkVerdict verdict) {
        this.network = verdict;
    }

    public void schedule(Schedule s) {
        this.schedule = Optional.of(s);
    }

    // ---- inspection (tests, sandbox) ----

    public Optional<EnvDef> env(WorkloadRef ref, String container, String name) {
        return Optional.ofNullable(deployment(ref).env.getOrDefault(container, Map.of()).get(name));
    }

    public boolean exists(WorkloadRef ref) {
        return deployments.containsKey(ref);
    }

    public boolean serviceExists(String namespace, String name) {
        return services.containsKey(namespace + "/" + name);
    }

    public Optional<Pvc> pvc(String namespace, String name) {
        return Optional.ofNullable(pvcs.get(namespace + "/" + name));
    }

    public String reclaimPolicy(String pv) {
        return reclaim.get(pv);
    }

    /** Everything, as sorted text, so a test can compare the cluster before and after a command. */
    public String snapshot() {
        Map<String, String> all = new TreeMap<>();
        deployments.forEach((r, d) -> all.put("deployment " + r, d.replicas + " " + new TreeMap<>(d.env)));
        secrets.forEach((k, v) -> all.put("secret " + k, new TreeMap<>(v).keySet().toString()));
        pvcs.forEach((k, v) -> all.put("pvc " + k, v + " reclaim=" + reclaim.get(v.pv())));
        backups.forEach((k, v) -> all.put("backup " + k, v.phase()));
        services.forEach((k, v) -> all.put("service " + k, v));
        return all.toString();
    }

    // ---- Workloads ----

    @Override
    public int replicas(WorkloadRef workload) {
        return deployment(workload).replicas;
    }

    @Override
    public void scale(WorkloadRef workload, int replicas, Duration deadline) {
        // A CronJob only schedules (1) or is suspended (0).
        deployment(workload).replicas = workload.kind() == WorkloadRef.Kind.CRON_JOB ? Math.min(replicas, 1) : replicas;
    }

    @Override
    public boolean envReadsSecret(WorkloadRef workload, String container, String name, String secret, String key) {
        return env(workload, container, name).filter(d -> secret.equals(d.secret()) && key.equals(d.key())).isPresent();
    }

    @Override
    public String captureEnv(WorkloadRef workload, String container, String name) {
        EnvDef def = env(workload, container, name).orElseThrow(() -> new RefusedException(
                workload.describe() + " container " + container + " has no env var " + name));
        if (def.literal() != null) {
            // Named as the Kubernetes adapter names it: other kinds than Deployment say theirs.
            String kind = workload.kind() == WorkloadRef.Kind.DEPLOYMENT ? "" : workload.kind().label().toLowerCase() + "-";
            String backup = "rehome-backup-" + kind + workload.name() + "-" + name.toLowerCase().replace('_', '-');
            put(workload.namespace(), backup, Map.of("value", Secret.of(def.literal())));
            return new EnvDef(null, backup, "value").token() + "|literal";
        }
        return def.token();
    }

    @Override
    public void forgetEnv(WorkloadRef workload, String captured) {
        if (captured.endsWith("|literal")) {
            delete(workload.namespace(), EnvDef.parse(captured).secret());
        }
    }

    @Override
    public void restoreEnv(WorkloadRef workload, String container, String name, String captured) {
        EnvDef def = EnvDef.parse(captured);
        if (captured.endsWith("|literal")) {
            def = new EnvDef(read(workload.namespace(), def.secret()).orElseThrow().get("value").reveal(), null, null);
        }
        setEnv(workload, container, name, def);
    }

    @Override
    public void pointEnvAtSecret(WorkloadRef workload, String container, String name, String secret, String key) {
        setEnv(workload, container, name, new EnvDef(null, secret, key));
    }

    @Override
    public boolean managedByArgo(WorkloadRef workload) {
        return deployment(workload).argo;
    }

    @Override
    public void deleteWorkloadAndService(WorkloadRef workload, String service) {
        deployments.remove(workload);
        services.remove(workload.namespace() + "/" + service);
    }

    // ---- Secrets ----

    @Override
    public Optional<Map<String, Secret>> read(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name)).map(Map::copyOf);
    }

    @Override
    public void put(String namespace, String name, Map<String, Secret> data) {
        secrets.put(namespace + "/" + name, new HashMap<>(data));
    }

    @Override
    public void delete(String namespace, String name) {
        secrets.remove(namespace + "/" + name);
    }

    // ---- Volumes ----

    @Override
    public SourceVolume provePgdataVolume(WorkloadRef postgres, String container) {
        Deployment d = deployment(postgres);
        if (d.pvcs.size() != 1) {
            throw new RefusedException("cannot prove which PVC holds PGDATA of " + postgres + ": it mounts " + d.pvcs);
        }
        Pvc p = pvcs.get(postgres.namespace() + "/" + d.pvcs.get(0));
        return new SourceVolume(p.namespace(), p.name(), p.uid(), p.resourceVersion(), p.pv(), reclaim.get(p.pv()),
                p.storageClass(), p.size());
    }

    @Override
    public void retain(String pv) {
        reclaim.put(pv, "Retain");
    }

    @Override
    public List<String> podsMounting(String namespace, String pvc) {
        List<String> out = new ArrayList<>();
        deployments.forEach((ref, d) -> {
            if (ref.namespace().equals(namespace) && d.pvcs.contains(pvc) && d.replicas > 0) {
                out.add(ref.name() + "-0");
            }
        });
        return out;
    }

    @Override
    public void deletePvc(String namespace, String pvc, String uid, String resourceVersion) {
        Pvc p = pvcs.get(namespace + "/" + pvc);
        if (p == null || !p.uid().equals(uid) || !p.resourceVersion().equals(resourceVersion)) {
            throw new RefusedException("PVC " + namespace + "/" + pvc + " is not the one proven at preflight (uid "
                    + uid + "); not deleting it");
        }
        pvcs.remove(namespace + "/" + pvc);
    }

    // ---- Backups ----

    @Override
    public void start(String namespace, String cluster, String name) {
        backups.computeIfAbsent(namespace + "/" + name, k -> new BackupStatus(name, "completed",
                Optional.of(clock.instant()), Optional.of(name + "-" + Long.toHexString(clock.millis()))));
    }

    @Override
    public BackupStatus await(String namespace, String name, Duration deadline) {
        return Optional.ofNullable(backups.get(namespace + "/" + name))
                .orElseThrow(() -> new RefusedException("no Backup " + namespace + "/" + name));
    }

    @Override
    public Optional<Schedule> schedule(String namespace, String cluster) {
        return schedule;
    }

    // ---- Network ----

    @Override
    public NetworkVerdict verdict(WorkloadRef app, String targetNamespace, String cluster) {
        return network;
    }

    private Deployment deployment(WorkloadRef ref) {
        Deployment d = deployments.get(ref);
        if (d == null) {
            throw new RefusedException(ref.describe() + " does not exist");
        }
        return d;
    }
}
