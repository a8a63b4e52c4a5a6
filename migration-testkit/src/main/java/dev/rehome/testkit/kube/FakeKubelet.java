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
 * env resolved, ending {@code succeeded} or {@code failed} with the output as the pod's log.
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

    private FakeKubelet(WorkloadController workloads) {
        this.workloads = workloads;
    }

    static FakeKubelet start(KubernetesClient client, SessionRegistry sessions, PodLogs logs, PodBinder binder,
                             Clock clock) {
        WorkloadController workloads = new WorkloadController(client, binder, clock);
        JobController jobs = new JobController(client, sessions, logs, clock);
        FakeKubelet kubelet = new FakeKubelet(workloads);
        kubelet.informers.add(client.apps().deployments().inAnyNamespace()
                .inform(kubelet.<io.fabric8.kubernetes.api.model.apps.Deployment>handler(workloads::reconcile)));
        kubelet.informers.add(client.apps().statefulSets().inAnyNamespace()
                .inform(kubelet.<io.fabric8.kubernetes.api.model.apps.StatefulSet>handler(workloads::reconcile)));
        kubelet.informers.add(client.batch().v1().jobs().inAnyNamespace().inform(kubelet.handler(jobs::reconcile)));
        return kubelet;
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
                // pods of deleted workloads stay, as with orphan propagation; tests delete what they need
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
    }
}
