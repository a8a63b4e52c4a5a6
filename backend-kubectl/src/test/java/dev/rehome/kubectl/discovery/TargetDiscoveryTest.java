package dev.rehome.kubectl.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.cnpg.CnpgVersion;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TargetDiscoveryTest {
    private static final NamespacedName PAL_E = NamespacedName.parse("postgres/pal-e-postgres");
    private MockCluster cluster;
    private TargetDiscovery discovery;

    @BeforeEach
    void seed() {
        cluster = MockCluster.seeded();
        discovery = new TargetDiscovery(cluster.client(), KubeRetry.none());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void editCluster(java.util.function.UnaryOperator<GenericKubernetesResource> edit) {
        CnpgKinds.of(cluster.client(), CnpgKinds.CLUSTER).inNamespace("postgres").withName("pal-e-postgres").edit(edit);
    }

    @Test
    void readsHealthPrimaryMajorOperatorVersionAndBarmanCoverage() {
        TargetCluster t = discovery.discover(PAL_E);

        assertThat(t.healthy()).isTrue();
        assertThat(t.primaryPod()).contains("pal-e-postgres-1");
        assertThat(t.majorVersion()).contains(17);
        assertThat(t.operatorVersion()).contains(new CnpgVersion(1, 26, 1));
        assertThat(t.writeHostFqdn()).isEqualTo("pal-e-postgres-rw.postgres.svc.cluster.local");
        assertThat(t.backup().method()).isEqualTo(BackupMethod.BARMAN_OBJECT_STORE);
        assertThat(t.backup().retention()).contains("7d");
        assertThat(t.backup().destination()).contains("s3://pal-e-backups/");
        assertThat(t.backup().covered()).isTrue();
        assertThat(t.describe()).contains("Cluster in healthy state").contains("BARMAN_OBJECT_STORE");
    }

    @Test
    void aGreenContinuousArchivingConditionWithoutObjectStoreIsNotCoverage() {
        editCluster(c -> {
            ((Map<?, ?>) c.get("spec")).remove("backup");
            return c;
        });
        BackupCoverage coverage = discovery.discover(PAL_E).backup();

        assertThat(coverage.continuousArchiving()).contains(true);
        assertThat(coverage.method()).isEqualTo(BackupMethod.NONE);
        assertThat(coverage.covered()).isFalse();
        assertThat(coverage.problems()).singleElement().asString().contains("no object store");
    }

    @Test
    void theSkipWalArchivingAnnotationIsAProblemEvenWithAnObjectStore() {
        editCluster(c -> {
            c.getMetadata().setAnnotations(Map.of("cnpg.io/skipWalArchiving", "enabled"));
            return c;
        });
        BackupCoverage coverage = discovery.discover(PAL_E).backup();

        assertThat(coverage.covered()).isFalse();
        assertThat(coverage.problems()).anySatisfy(p -> assertThat(p).contains("skipWalArchiving"));
    }

    @Test
    void recognisesTheBarmanCloudPluginAsWalArchiver() {
        editCluster(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) c.get("spec");
            spec.remove("backup");
            spec.put("plugins", List.of(Map.of("name", "barman-cloud.cloudnative-pg.io", "isWALArchiver", true,
                    "parameters", Map.of("barmanObjectName", "minio-store"))));
            return c;
        });
        BackupCoverage coverage = discovery.discover(PAL_E).backup();

        assertThat(coverage.method()).isEqualTo(BackupMethod.PLUGIN);
        assertThat(coverage.pluginName()).contains("barman-cloud.cloudnative-pg.io");
        assertThat(coverage.covered()).isTrue();
    }

    @Test
    void findsThePrimaryByLabelAndTheMajorByImageTagOnOlderOperators() {
        editCluster(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) c.get("status");
            status.remove("currentPrimary");
            status.remove("pgDataImageInfo");
            return c;
        });
        TargetCluster t = discovery.discover(PAL_E);

        assertThat(t.primaryPod()).contains("pal-e-postgres-1");
        assertThat(t.majorVersion()).contains(17);
    }

    @Test
    void anUnhealthyPhaseOrMissingReplicaIsNotHealthy() {
        editCluster(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) c.get("status");
            status.put("phase", "Failing over");
            return c;
        });
        assertThat(discovery.discover(PAL_E).healthy()).isFalse();
    }
}
