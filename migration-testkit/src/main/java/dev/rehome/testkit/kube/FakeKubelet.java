package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers and kubelet a real cluster would run for the two workload kinds rehome drives, driven by
 * informers: a Deployment or StatefulSet keeps {@code spec.replicas} Ready pods (so "scale to 0 and wait until no pod runs" and
 * "scale back and wait for readiness" work), and a Job runs its container command as a local process with Secret
 * env resolved and Service names reaching the servers behind them, ending {@code succeeded} or {@code failed}
 * with the output as the pod's log.
 */
public final class FakeKubelet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeKubelet.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-kubelet");
        t.setDaemon(true);
        return t;
    });
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
    private final WorkloadController workloads;
    private final JobController jobs;
    private final ServiceNetwork network;

    private FakeKubelet(WorkloadController workloads, JobController jobs, ServiceNetwork network) {
        this.workloads = workloads;
        this.jobs = jobs;
        this.network = network;
    }

    private static final long RESYNC_MILLIS = 1_000;

    static FakeKubelet start(KubernetesClient client, SessionRegistry sessions, PodLogs logs, PodBinder binder,
                             ServiceNetwork.PodEnvironments environments, Clock clock) {
        WorkloadController workloads = new WorkloadController(client, binder, clock);
        ServiceNetwork network = new ServiceNetwork(client, environments);
        JobController jobs = new JobController(client, sessions, logs, clock, network);
        FakeKubelet kubelet = new FakeKubelet(workloads, jobs, network);
        // A resync hands every object to its reconcile once a second, as a real controller re-queues: a reconcile
        // that lost a race (a conflicting write, a late event on a loaded machine) is retried, not forgotten.
        kubelet.informers.add(client.apps().deployments().inAnyNamespace()
                .inform(kubelet.<io.fabric8.kubernetes.api.model.apps.Deployment>handler(workloads::reconcile), RESYNC_MILLIS));
        kubelet.informers.add(client.apps().statefulSets().inAnyNamespace()
                .inform(kubelet.<io.fabric8.kubernetes.api.model.apps.StatefulSet>handler(workloads::reconcile), RESYNC_MILLIS));
        kubelet.informers.add(client.batch().v1().jobs().inAnyNamespace()
                .inform(kubelet.handler(jobs::reconcile, jobs::deleted), RESYNC_MILLIS));
        return kubelet;
    }

    /**
     * Pods of Jobs created from now on never start, the way {@code hold} says (image pull back-off, unschedulable,
     * quota exceeded); {@link #runJobPods()} undoes it.
     */
    public FakeKubelet holdJobPods(JobPodHold hold) {
        jobs.hold(java.util.Objects.requireNonNull(hold, "hold"));
        return this;
    }

    /** Pods of Jobs created from now on run again (the default). */
    public FakeKubelet runJobPods() {
        jobs.hold(null);
        return this;
    }

    /**
     * Pods the kubelet creates for Deployment or StatefulSet {@code namespace/workload} from now on are bound to
     * {@code environment} (exec and port-forward reach it), e.g. the standalone postgres Deployment's pod to an
     * embedded server.
     */
    public FakeKubelet bindPodsOf(String namespace, String workload, PodEnvironment environment) {
        workloads.environmentFor(namespace, workload, environment);
        return this;
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> reconcile) {
        return handler(reconcile, obj -> {
            // pods of deleted workloads stay, as with orphan propagation; tests delete what they need
        });
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> reconcile, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                worker.execute(() -> safely(reconcile, obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                worker.execute(() -> safely(reconcile, newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                deleted.accept(obj);
            }
        };
    }

    private static <T extends HasMetadata> void safely(Consumer<T> reconcile, T obj) {
        try {
            reconcile.accept(obj);
        } catch (KubernetesClientException e) {
            LOG.debug("fake kubelet skipped {}: {}", obj.getMetadata().getName(), e.getMessage());
        } catch (RuntimeException e) {
            // keep the kubelet alive for the next event, as a real controller would
            LOG.warn("fake kubelet failed on {}", obj.getMetadata().getName(), e);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        worker.shutdownNow();
        network.close();
    }
}
