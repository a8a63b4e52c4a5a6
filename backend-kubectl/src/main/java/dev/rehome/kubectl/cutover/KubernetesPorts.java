package dev.rehome.kubectl.cutover;

import dev.rehome.kubectl.backup.OnDemandBackups;
import dev.rehome.kubectl.backup.ScheduledBackupInspector;
import dev.rehome.kubectl.discovery.ServerVersionProbe;
import dev.rehome.kubectl.discovery.SourceDiscovery;
import dev.rehome.kubectl.discovery.TargetDiscovery;
import dev.rehome.kubectl.network.NetworkReachability;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.kubectl.safety.SafeDeleter;
import dev.rehome.kubectl.safety.VolumeGuard;
import dev.rehome.kubectl.workload.ArgoCdDetector;
import dev.rehome.kubectl.workload.EditPolicy;
import dev.rehome.kubectl.workload.WorkloadController;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The cluster-side ports of the cutover over one Kubernetes client. Imperative edits of ArgoCD-managed
 * Deployments are allowed ({@link EditPolicy#ALLOW_ARGOCD_DRIFT}): preflight already insists on a deployments
 * checkout for such apps, the same change is committed to Git, and a self-heal back to the old URL meets the
 * fenced source and fails loudly.
 */
public record KubernetesPorts(KubeWorkloads workloads, KubeSecrets secrets, KubeVolumes volumes, KubeBackups backups,
                              KubeNetwork network) {
    public KubernetesPorts {
        Objects.requireNonNull(workloads, "workloads");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(volumes, "volumes");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(network, "network");
    }

    public static KubernetesPorts over(KubernetesClient client, Clock clock, Sleeper sleeper) {
        KubeRetry retry = KubeRetry.standard();
        Poller poller = new Poller(clock, sleeper, Duration.ofSeconds(1));
        SafeDeleter deleter = new SafeDeleter(client);
        KubeSecrets secrets = new KubeSecrets(client);
        WorkloadController controller = new WorkloadController(client, new ArgoCdDetector(client, "argocd"),
                EditPolicy.ALLOW_ARGOCD_DRIFT, poller, retry);
        TargetDiscovery targets = new TargetDiscovery(client, retry);
        return new KubernetesPorts(new KubeWorkloads(client, controller, deleter, secrets), secrets,
                new KubeVolumes(client, new SourceDiscovery(client, ServerVersionProbe.none(), retry),
                        new VolumeGuard(client, retry), deleter),
                new KubeBackups(new OnDemandBackups(client, poller, retry), new ScheduledBackupInspector(client, clock, retry),
                        targets),
                new KubeNetwork(client, new NetworkReachability(client, retry)));
    }
}
