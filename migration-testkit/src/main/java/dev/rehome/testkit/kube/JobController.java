package dev.rehome.testkit.kube;

import dev.rehome.core.spi.ProcessTree;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each new {@code batch/v1} Job once, the way the Job controller and a kubelet would with
 * {@code backoffLimit: 0}: a pod {@code JOB-xxxxx} labelled {@code job-name}, the first container's
 * {@code command + args} started as a local process with the container's resolved environment (Secrets included)
 * and Service names rewritten to their loopback addresses ({@link ServiceNetwork}), its combined output kept as
 * the pod's log, {@code activeDeadlineSeconds} enforced, and the pod's and Job's status set to {@code succeeded: 1}
 * or {@code failed: 1} with a {@code Complete}/{@code Failed} condition and the container's exit code. Deleting the
 * Job kills its process, as the garbage collector deleting the pod would. The image is ignored: the machine's own
 * programs play it. With a {@link JobPodHold} set, new Jobs' pods never start, for the ways that happens.
 */
final class JobController {
    private static final Logger LOG = LoggerFactory.getLogger(JobController.class);

    private final KubernetesClient client;
    private final SessionRegistry sessions;
    private final PodLogs logs;
    private final Clock clock;
    private final ContainerEnvironment environment;
    private final ServiceNetwork network;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private volatile JobPodHold hold;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong podCounter = new java.util.concurrent.atomic.AtomicLong();

    JobController(KubernetesClient client, SessionRegistry sessions, PodLogs logs, Clock clock, ServiceNetwork network) {
        this.client = client;
        this.network = network;
        this.sessions = sessions;
        this.logs = logs;
        this.clock = clock;
        this.environment = new ContainerEnvironment(client);
    }

    /** Pods of Jobs created from now on never start, in the way {@code hold} describes; null runs them again. */
    void hold(JobPodHold hold) {
        this.hold = hold;
    }

    void reconcile(Job job) {
        JobStatus status = job.getStatus();
        boolean finished = status != null && (positive(status.getSucceeded()) || positive(status.getFailed()));
        String key = key(job);
        if (finished || !started.add(key)) {
            return;
        }
        JobPodHold held = hold;
        if (held != null) {
            PendingPods.hold(client, job, podName(job), held, clock);
            return;
        }
        Thread t = new Thread(() -> {
            try {
                run(job, key);
            } catch (RuntimeException e) {
                // a Job whose pod never finishes shows up as a test timing out; say why here
                LOG.error("fake kubelet: Job {} stopped without finishing its pod", key, e);
            }
        }, "fake-kubelet-job-" + job.getMetadata().getName());
        t.setDaemon(true);
        t.start();
    }

    /** The Job was deleted: its pod's process is killed, as the garbage collector deleting the pod would. */
    void deleted(Job job) {
        String key = key(job);
        deleted.add(key);
        Process process = running.get(key);
        if (process != null) {
            ProcessTree.kill(process);
        }
    }

    private static String key(Job job) {
        return job.getMetadata().getNamespace() + "/" + job.getMetadata().getName() + "/" + job.getMetadata().getUid();
    }

    private String podName(Job job) {
        return job.getMetadata().getName() + "-" + Long.toString(podCounter.incrementAndGet() + 36L * 36 * 36 * 36, 36);
    }

    private void run(Job job, String key) {
        String ns = job.getMetadata().getNamespace();
        String podName = podName(job);
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        logs.append(ns, podName, new byte[0], 0);
        JobPods.create(client, job, podName, clock);
        writeStatus(job, new JobStatusBuilder().withActive(1).withStartTime(clock.instant().toString()).build());
        int exit;
        String reason;
        try {
            exit = runContainer(key, ns, podName, container, job.getSpec().getActiveDeadlineSeconds());
            reason = exit == 0 ? "Completed" : "BackoffLimitExceeded";
        } catch (DeadlineExceeded e) {
            exit = 137;
            reason = "DeadlineExceeded";
        } catch (RuntimeException e) {
            byte[] message = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            logs.append(ns, podName, message, message.length);
            exit = 1;
            reason = "BackoffLimitExceeded";
        }
        JobPods.finish(client, ns, podName, exit, clock);
        if (deleted.contains(key)) {
            return;
        }
        String now = clock.instant().toString();
        JobStatusBuilder done = new JobStatusBuilder().withStartTime(now).withActive(0);
        if (exit == 0) {
            done.withSucceeded(1).withCompletionTime(now).addToConditions(new JobConditionBuilder()
                    .withType("Complete").withStatus("True").withReason(reason).build());
        } else {
            done.withFailed(1).addToConditions(new JobConditionBuilder()
                    .withType("Failed").withStatus("True").withReason(reason)
                    .withMessage(reason.equals("DeadlineExceeded") ? "Job was active longer than specified deadline"
                            : "Job has reached the specified backoff limit").build());
        }
        writeStatus(job, done.build());
    }

    private int runContainer(String key, String ns, String podName, Container container, Long deadlineSeconds) {
        ServiceNames dns = network.namesFrom(ns);
        List<String> argv = new ArrayList<>();
        container.getCommand().forEach(word -> argv.add(dns.rewrite(word)));
        container.getArgs().forEach(word -> argv.add(dns.rewrite(word)));
        if (argv.isEmpty()) {
            throw new IllegalStateException("the fake kubelet needs an explicit command: it cannot run an image's entrypoint");
        }
        Map<String, String> env = new java.util.LinkedHashMap<>();
        environment.resolve(ns, container).forEach((name, value) -> env.put(name, dns.rewrite(value)));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("failed to start container: " + e.getMessage(), e);
        }
        sessions.register(process);
        running.put(key, process);
        if (deleted.contains(key)) {
            process.destroyForcibly();
        }
        Thread logPump = new Thread(() -> pumpLog(ns, podName, process.getInputStream()), "fake-kubelet-log-" + podName);
        logPump.setDaemon(true);
        logPump.start();
        try {
            long deadline = deadlineSeconds == null ? Long.MAX_VALUE / 2 : deadlineSeconds;
            long waited = 0;
            // Besides the informer's delete event, look at the Job itself once a second, as a kubelet follows its
            // pod: under load the event came late or not at all, and a deleted Job's process ran on to its end.
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                if (++waited >= deadline) {
                    ProcessTree.kill(process);
                    throw new DeadlineExceeded();
                }
                if (deleted.contains(key) || jobGone(ns, key)) {
                    deleted.add(key);
                    ProcessTree.kill(process);
                }
            }
            // The container ends with its main process; a child that outlived it (killed before it forked, or put
            // in the background) must not hold the pod open through the pipe it inherited.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            logPump.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return 137;
        } finally {
            running.remove(key);
            sessions.unregister(process);
        }
    }

    private boolean jobGone(String ns, String key) {
        String name = key.split("/")[1];
        Job current = client.batch().v1().jobs().inNamespace(ns).withName(name).get();
        return current == null || !key.equals(key(current));
    }

    private void pumpLog(String ns, String podName, InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                logs.append(ns, podName, buffer, n);
            }
        } catch (IOException e) {
            LOG.debug("log of {} ended: {}", podName, e.getMessage());
        }
    }

    private void writeStatus(Job job, JobStatus status) {
        Job fresh = client.resource(job).get();
        if (fresh == null) {
            return;
        }
        fresh.setStatus(status);
        client.resource(fresh).updateStatus();
    }

    private static boolean positive(Integer n) {
        return n != null && n > 0;
    }

    private static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded() {
            super("DeadlineExceeded", null, false, false);
        }
    }
}
