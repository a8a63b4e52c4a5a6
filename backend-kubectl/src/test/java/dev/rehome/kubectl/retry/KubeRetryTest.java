package dev.rehome.kubectl.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.kubectl.safety.VolumeGuard;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mock server in expectation mode, scripted to fail transiently; fabric8's own retries are switched off. */
@Timeout(60)
class KubeRetryTest {
    private static final String PV_PATH = "/api/v1/persistentvolumes/pv-1";
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.createClient().getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static PersistentVolume pv(String policy) {
        return new PersistentVolumeBuilder().withNewMetadata().withName("pv-1").withUid("uid-1").withResourceVersion("7")
                .endMetadata().withNewSpec().withPersistentVolumeReclaimPolicy(policy).endSpec().build();
    }

    @Test
    void retriesIdempotentCallsThrough503And429() {
        server.expect().get().withPath(PV_PATH).andReturn(503, "{}").once();
        server.expect().get().withPath(PV_PATH).andReturn(200, pv("Delete")).always();
        server.expect().patch().withPath(PV_PATH).andReturn(429, "{}").once();
        server.expect().patch().withPath(PV_PATH).andReturn(200, pv("Retain")).once();

        String before = new VolumeGuard(client, KubeRetry.of(4, Duration.ZERO)).retain("pv-1", "uid-1");

        assertThat(before).isEqualTo("Delete");
        long patches = java.util.stream.IntStream.range(0, server.getRequestCount())
                .mapToObj(i -> takeRequest()).filter(r -> "PATCH".equals(r.getMethod())).count();
        assertThat(patches).as("the 429 PATCH and its retry").isEqualTo(2);
    }

    private io.fabric8.mockwebserver.http.RecordedRequest takeRequest() {
        try {
            return server.takeRequest();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutRetriesTheFirstTransientFailureSurfaces() {
        server.expect().get().withPath(PV_PATH).andReturn(503, "{}").once();
        server.expect().get().withPath(PV_PATH).andReturn(200, pv("Delete")).once();

        assertThatThrownBy(() -> new VolumeGuard(client, KubeRetry.none()).retain("pv-1", "uid-1"))
                .isInstanceOf(KubernetesClientException.class);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        server.expect().get().withPath(PV_PATH).andReturn(503, "{}").times(3);

        assertThatThrownBy(() -> new VolumeGuard(client, KubeRetry.of(3, Duration.ZERO)).retain("pv-1", "uid-1"))
                .isInstanceOf(KubernetesClientException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void classifiesFailures() {
        assertThat(KubeRetry.isTransient(new KubernetesClientException("busy", 503, null))).isTrue();
        assertThat(KubeRetry.isTransient(new KubernetesClientException("slow down", 429, null))).isTrue();
        assertThat(KubeRetry.isTransient(new KubernetesClientException("reset", new IOException("Connection reset"))))
                .isTrue();
        assertThat(KubeRetry.isTransient(new KubernetesClientException("conflict", 409, null))).isFalse();
        assertThat(KubeRetry.isTransient(new KubernetesClientException("forbidden", 403, null))).isFalse();
        assertThat(KubeRetry.isTransient(new IllegalStateException("SQL failed"))).isFalse();
    }
}
