package dev.rehome.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jobs reach Services by their cluster DNS names; deleting a Job kills its process; held pods never start. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobServiceNetworkIT {
    private static InProcessCluster cluster;
    private static FakeKubelet kubelet;
    private static PostgresServer server;

    @BeforeAll
    static void start() {
        cluster = InProcessCluster.start();
        kubelet = cluster.startKubelet(java.time.Clock.systemUTC());
        server = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        server.execute("postgres", "CREATE TABLE marker AS SELECT 'behind the service'::text AS v");
        KubernetesClient client = cluster.client();
        client.resource(new ServiceBuilder().withNewMetadata().withName("db").withNamespace("data").endMetadata()
                .withNewSpec().addToSelector("app", "db").addNewPort().withPort(5432).endPort().endSpec().build()).create();
        client.resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("db-0").withNamespace("data").addToLabels("app", "db").endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("postgres:15").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        cluster.bindPod("data", "db-0", PodEnvironment.postgres(server));
    }

    @AfterAll
    static void stop() {
        cluster.close();
        server.close();
    }

    @Test
    void everyDnsFormOfAServiceReachesTheServerBehindIt() {
        for (String host : List.of("db.data.svc.cluster.local", "db.data.svc", "db.data")) {
            Job done = runJob("dns-" + host.replace('.', '-'), "jobs", host,
                    "psql -X -A -t -h \"$DB_HOST\" -p 5432 -U postgres -d postgres -c 'SELECT v FROM marker'");
            assertThat(done.getStatus().getSucceeded()).as(host).isEqualTo(1);
            assertThat(log("jobs", done)).as(host).isEqualTo("behind the service\n");
        }
        Job sameNamespace = runJob("dns-bare", "data", "db",
                "psql -X -A -t -h \"$DB_HOST\" -p 5432 -U postgres -d postgres -c 'SELECT v FROM marker'");
        assertThat(log("data", sameNamespace)).isEqualTo("behind the service\n");
        Job inScript = runJob("dns-in-script", "jobs", "unused",
                "psql -X -A -t -h db.data.svc -p 5432 -U postgres -d postgres -c 'SELECT v FROM marker'");
        assertThat(log("jobs", inScript)).isEqualTo("behind the service\n");
        Pod pod = pod("jobs", inScript);
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
    }

    @Test
    void aBareNameOfAnotherNamespaceDoesNotResolve() {
        Job job = runJob("dns-other-ns", "jobs", "db",
                "psql -X -h \"$DB_HOST\" -p 5432 -U postgres -d postgres -c 'SELECT 1' 2>&1; exit 3");
        assertThat(job.getStatus().getFailed()).isEqualTo(1);
        assertThat(log("jobs", job)).contains("could not translate host name \"db\"");
        assertThat(pod("jobs", job).getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                .isEqualTo(3);
    }

    @Test
    void deletingAJobKillsItsProcess() throws Exception {
        KubernetesClient client = cluster.client();
        client.resource(job("sleeper", "jobs", "x", "echo started; sleep 60; echo never")).create();
        String pod = cluster.awaitPod("jobs", "job-name", "sleeper");
        // The delete must reach a running process: deleting before it started tests nothing and, on a loaded
        // machine, used to leave a 60 s sleep running past the wait below.
        for (int i = 0; i < 600 && !client.pods().inNamespace("jobs").withName(pod).getLog().contains("started"); i++) {
            Thread.sleep(100);
        }
        assertThat(client.pods().inNamespace("jobs").withName(pod).getLog()).contains("started");
        client.batch().v1().jobs().inNamespace("jobs").withName("sleeper").delete();
        Pod finished = Poll.until(() -> client.pods().inNamespace("jobs").withName(pod).get(),
                p -> "Failed".equals(p.getStatus().getPhase()), Duration.ofSeconds(30), "the deleted Job's pod failed");
        assertThat(finished.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                .isNotZero();
        assertThat(client.pods().inNamespace("jobs").withName(pod).getLog()).doesNotContain("never");
    }

    @Test
    void heldPodsStayPendingWithTheReasonAndAnEvent() throws Exception {
        KubernetesClient client = cluster.client();
        try {
            kubelet.holdJobPods(JobPodHold.imagePullBackOff());
            client.resource(job("pull", "held", "x", "true")).create();
            String pod = cluster.awaitPod("held", "job-name", "pull");
            Pod pending = Poll.until(() -> client.pods().inNamespace("held").withName(pod).get(),
                    p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null
                            && !p.getStatus().getContainerStatuses().isEmpty(), Duration.ofSeconds(10), "a container status");
            assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(pending.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                    .isEqualTo("ImagePullBackOff");

            kubelet.holdJobPods(JobPodHold.quotaExceeded());
            client.resource(job("quota", "held", "x", "true")).create();
            List<Event> events = List.of();
            for (int i = 0; i < 100 && events.stream().noneMatch(e -> e.getInvolvedObject().getName().equals("quota")); i++) {
                Thread.sleep(50);
                events = client.v1().events().inNamespace("held").list().getItems();
            }
            assertThat(events).anyMatch(e -> e.getInvolvedObject().getName().equals("quota")
                    && e.getReason().equals("FailedCreate") && e.getMessage().contains("exceeded quota"));
            assertThat(client.pods().inNamespace("held").withLabel("job-name", "quota").list().getItems()).isEmpty();
        } finally {
            kubelet.runJobPods();
        }
    }

    private static Job runJob(String name, String ns, String host, String script) {
        KubernetesClient client = cluster.client();
        client.resource(job(name, ns, host, script)).create();
        return Poll.until(() -> client.batch().v1().jobs().inNamespace(ns).withName(name).get(), j -> j.getStatus() != null
                && (j.getStatus().getSucceeded() != null || j.getStatus().getFailed() != null), Duration.ofSeconds(60),
                "Job " + ns + "/" + name + " finished");
    }

    private static Job job(String name, String ns, String host, String script) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage("postgres:17").withCommand("sh", "-c", script)
                .addNewEnv().withName("DB_HOST").withValue(host).endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static Pod pod(String ns, Job job) {
        return cluster.client().pods().inNamespace(ns).withLabel("job-name", job.getMetadata().getName()).list()
                .getItems().get(0);
    }

    private static String log(String ns, Job job) {
        return cluster.client().pods().inNamespace(ns).withName(pod(ns, job).getMetadata().getName()).getLog();
    }
}
