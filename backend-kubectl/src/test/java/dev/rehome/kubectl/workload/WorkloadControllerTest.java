package dev.rehome.kubectl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WorkloadControllerTest {
    private static final NamespacedName APP = NamespacedName.parse("basketball-api/basketball-api");
    private MockCluster cluster;
    private FakeClock clock;
    private Runnable kubelet = () -> { };

    @BeforeEach
    void seed() {
        cluster = MockCluster.seeded();
        clock = new FakeClock(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private WorkloadController controller(EditPolicy policy) {
        Poller poller = new Poller(clock, d -> {
            kubelet.run();
            clock.advance(d);
        }, Duration.ofSeconds(2));
        return new WorkloadController(cluster.client(), new ArgoCdDetector(cluster.client(), "argocd"), policy,
                poller, KubeRetry.none());
    }

    private Deployment app() {
        return cluster.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api").get();
    }

    @Test
    void refusesImperativeEditsOfAnArgoCdManagedSelfHealingApp() {
        WorkloadController controller = controller(EditPolicy.REFUSE_GITOPS_MANAGED);

        assertThat(controller.argoCdTracking(APP)).hasValueSatisfying(t -> {
            assertThat(t.application()).isEqualTo("basketball-api");
            assertThat(t.selfHeal()).contains(true);
        });
        assertThatThrownBy(() -> controller.scaleToZero(APP, Duration.ofMinutes(1)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("ArgoCD Application 'basketball-api'")
                .hasMessageContaining("--gitops-dir").hasMessageContaining("--allow-argocd-drift");
        assertThatThrownBy(() -> controller.setEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL",
                new EnvValue.FromSecret("basketball-db", "uri"))).isInstanceOf(RefusedException.class);
        assertThat(app().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void recognisesTheOlderInstanceLabelOnlyWhenSuchAnApplicationExists() {
        var detector = new ArgoCdDetector(cluster.client(), "argocd");
        Deployment d = app();
        d.getMetadata().getAnnotations().clear();
        assertThat(detector.tracking(d)).hasValueSatisfying(t -> assertThat(t.evidence()).contains("label"));
        d.getMetadata().getLabels().put(ArgoCdDetector.INSTANCE_LABEL, "helm-release-not-argo");
        assertThat(detector.tracking(d)).isEmpty();
    }

    @Test
    void scalesToZeroAndWaitsUntilNoPodRuns() {
        kubelet = () -> cluster.client().pods().inNamespace("basketball-api").withLabel("app", "basketball-api").delete();

        int before = controller(EditPolicy.ALLOW_ARGOCD_DRIFT).scaleToZero(APP, Duration.ofMinutes(2));

        assertThat(before).isEqualTo(1);
        assertThat(app().getSpec().getReplicas()).isZero();
        assertThat(cluster.client().pods().inNamespace("basketball-api").withLabel("app", "basketball-api")
                .list().getItems()).isEmpty();
        assertThat(cluster.client().pods().inNamespace("basketball-api").withLabel("app", "postgres")
                .list().getItems()).hasSize(1);
    }

    @Test
    void givesUpAtTheDeadlineWhenAPodKeepsRunning() {
        Instant start = clock.instant();
        assertThatThrownBy(() -> controller(EditPolicy.ALLOW_ARGOCD_DRIFT).scaleToZero(APP, Duration.ofSeconds(30)))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("no pod of Deployment");
        assertThat(Duration.between(start, clock.instant())).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(32));
    }

    @Test
    void scalesBackUpAndWaitsForReadiness() {
        var deployments = cluster.client().apps().deployments().inNamespace("mcd-tracker");
        deployments.withName("mcd-tracker").edit(d -> {
            d.getSpec().setReplicas(0);
            d.getStatus().setReadyReplicas(0);
            return d;
        });
        kubelet = () -> deployments.withName("mcd-tracker").editStatus(d -> {
            d.getStatus().setReadyReplicas(d.getSpec().getReplicas());
            d.getStatus().setUpdatedReplicas(d.getSpec().getReplicas());
            d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
            return d;
        });

        controller(EditPolicy.REFUSE_GITOPS_MANAGED)
                .scaleAndAwaitReady(NamespacedName.parse("mcd-tracker/mcd-tracker"), 2, Duration.ofMinutes(1));

        assertThat(deployments.withName("mcd-tracker").get().getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void repointsAnEnvVarToASecretKeyAndRestoresIt() {
        WorkloadController controller = controller(EditPolicy.ALLOW_ARGOCD_DRIFT);
        EnvValue newHome = new EnvValue.FromSecret("basketball-db", "uri");

        Optional<EnvVar> before = controller.setEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL", newHome);
        String versionAfterFirst = app().getMetadata().getResourceVersion();
        controller.setEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL", newHome);

        assertThat(app().getMetadata().getResourceVersion()).isEqualTo(versionAfterFirst);
        EnvVar now = env(app(), "BASKETBALL_DATABASE_URL");
        assertThat(now.getValueFrom().getSecretKeyRef().getName()).isEqualTo("basketball-db");
        assertThat(now.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("uri");
        assertThat(before.orElseThrow().getValueFrom().getSecretKeyRef().getName()).isEqualTo("basketball-api-secrets");
        assertThat(env(app(), "BASKETBALL_UPLOAD_DIR").getValue()).isEqualTo("/app/uploads");
        assertThat(app().getSpec().getTemplate().getSpec().getContainers()).hasSize(1);

        controller.restoreEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL", before);
        assertThat(env(app(), "BASKETBALL_DATABASE_URL")).isEqualTo(before.get());
    }

    @Test
    void setsALiteralEnvVarThatDidNotExist() {
        WorkloadController controller = controller(EditPolicy.REFUSE_GITOPS_MANAGED);
        NamespacedName mcd = NamespacedName.parse("mcd-tracker/mcd-tracker");

        assertThat(controller.setEnv(mcd, "mcd-tracker", "DATABASE_SSLMODE", new EnvValue.Literal("require"))).isEmpty();
        var d = cluster.client().apps().deployments().inNamespace("mcd-tracker").withName("mcd-tracker").get();
        assertThat(env(d, "DATABASE_SSLMODE").getValue()).isEqualTo("require");
    }

    @Test
    void theEnvPatchCarriesNoOtherEnvValueAndOnlyTheNewEntry() {
        var deployments = cluster.client().apps().deployments().inNamespace("basketball-api");
        Deployment d = app();
        d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new EnvVar("PAYMENTS_API_KEY", "sk_live_canary", null));
        deployments.resource(d).update();
        String version = app().getMetadata().getResourceVersion();
        List<String> patches = new java.util.concurrent.CopyOnWriteArrayList<>();
        var recording = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(cluster.client().getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("record-patches",
                        new io.fabric8.kubernetes.client.http.Interceptor() {
                            @Override
                            public void before(io.fabric8.kubernetes.client.http.BasicBuilder builder,
                                               io.fabric8.kubernetes.client.http.HttpRequest request,
                                               RequestTags tags) {
                                if ("PATCH".equals(request.method())) {
                                    patches.add(request.bodyString());
                                }
                            }
                        })).build();
        try (recording) {
            new WorkloadController(recording, new ArgoCdDetector(recording, "argocd"), EditPolicy.ALLOW_ARGOCD_DRIFT,
                    new Poller(clock, clock::advance, Duration.ofSeconds(2)), KubeRetry.none())
                    .setEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL", new EnvValue.FromSecret("basketball-db", "uri"));
        }

        assertThat(patches).singleElement().satisfies(body -> assertThat(body).doesNotContain("sk_live_canary")
                .doesNotContain("/app/uploads").contains("basketball-db").contains("\"" + version + "\""));
        assertThat(env(app(), "PAYMENTS_API_KEY").getValue()).isEqualTo("sk_live_canary");
        assertThat(env(app(), "BASKETBALL_DATABASE_URL").getValueFrom().getSecretKeyRef().getName()).isEqualTo("basketball-db");
    }

    private static EnvVar env(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }
}
