package dev.rehome.kubectl.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class VolumeGuardAndSafeDeleterTest {
    private static final String PV = "pvc-3c1f0b52-8d7e-4a51-9f0e-2b6d4c8a7e10";
    private MockCluster cluster;

    @BeforeEach
    void seed() {
        cluster = MockCluster.seeded();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void patchesTheDatabaseVolumeToRetainAndLeavesOthersAlone() {
        String uid = cluster.client().persistentVolumes().withName(PV).get().getMetadata().getUid();
        VolumeGuard guard = new VolumeGuard(cluster.client(), KubeRetry.none());

        assertThat(guard.retain(PV, uid)).isEqualTo("Delete");
        assertThat(guard.retain(PV, uid)).isEqualTo("Retain");

        assertThat(cluster.client().persistentVolumes().withName(PV).get().getSpec().getPersistentVolumeReclaimPolicy())
                .isEqualTo("Retain");
        assertThat(cluster.client().persistentVolumes().withName("pvc-8a4e6d21-1b93-4c7f-a2d5-7f0c9e3b5a64").get()
                .getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
    }

    @Test
    void refusesToPatchAVolumeWhoseUidChanged() {
        assertThatThrownBy(() -> new VolumeGuard(cluster.client(), KubeRetry.none()).retain(PV, "some-other-uid"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("recreated");
    }

    @Test
    void deletesOnlyTheVerifiedVersionOfAClaim() {
        var claims = cluster.client().persistentVolumeClaims().inNamespace("basketball-api");
        PersistentVolumeClaim verified = claims.withName("postgres-data").get();
        SafeDeleter deleter = new SafeDeleter(cluster.client());

        deleter.deletePersistentVolumeClaim("basketball-api", "postgres-data", new SafeDeleter.Expected(
                "PVC basketball-api/postgres-data", verified.getMetadata().getUid(),
                verified.getMetadata().getResourceVersion()));

        assertThat(claims.withName("postgres-data").get()).isNull();
        assertThat(claims.withName("photo-uploads").get()).isNotNull();
    }

    @Test
    void refusesToDeleteAClaimRecreatedUnderTheSameName() {
        var claims = cluster.client().persistentVolumeClaims().inNamespace("basketball-api");
        PersistentVolumeClaim verified = claims.withName("postgres-data").get();
        claims.withName("postgres-data").delete();
        verified.getMetadata().setResourceVersion(null);
        verified.getMetadata().setUid(null);
        claims.resource(verified).create();
        SafeDeleter.Expected expected = new SafeDeleter.Expected("PVC basketball-api/postgres-data",
                "uid-seen-at-preflight", "1");

        assertThatThrownBy(() -> new SafeDeleter(cluster.client())
                .deletePersistentVolumeClaim("basketball-api", "postgres-data", expected))
                .isInstanceOf(RefusedException.class).hasMessageContaining("recreated");
        assertThat(claims.withName("postgres-data").get()).isNotNull();
    }

    @Test
    void refusesToDeleteAClaimThatChangedSinceVerification() {
        var claims = cluster.client().persistentVolumeClaims().inNamespace("basketball-api");
        PersistentVolumeClaim verified = claims.withName("postgres-data").get();
        claims.withName("postgres-data").edit(p -> {
            p.getMetadata().getLabels().put("touched", "yes");
            return p;
        });

        assertThatThrownBy(() -> new SafeDeleter(cluster.client()).deletePersistentVolumeClaim("basketball-api",
                "postgres-data", new SafeDeleter.Expected("PVC basketball-api/postgres-data",
                        verified.getMetadata().getUid(), verified.getMetadata().getResourceVersion())))
                .isInstanceOf(RefusedException.class).hasMessageContaining("changed since it was verified");
        assertThat(claims.withName("postgres-data").get()).isNotNull();
    }
}
