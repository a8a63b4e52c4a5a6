package dev.rehome.kubectl.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.Secret;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A bitnami/postgresql StatefulSet with a claim template, credentials from envFrom, and no running pod. */
@Timeout(60)
class StatefulSetAndBitnamiDiscoveryTest {
    private MockCluster cluster;

    @BeforeEach
    void seed() {
        cluster = MockCluster.empty();
        var c = cluster.client();
        c.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName("shop-db").endMetadata()
                .addToStringData("POSTGRESQL_PASSWORD", "shop-pw").build()).create();
        c.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata().withName("shop-db-config")
                .endMetadata().addToData("USERNAME", "shop").addToData("DATABASE", "orders").build()).create();
        c.persistentVolumeClaims().inNamespace("shop").resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("data-shop-db-0").endMetadata().withNewSpec().withStorageClassName("standard")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();
        c.persistentVolumeClaims().inNamespace("shop").resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("invoices").endMetadata().withNewSpec().endSpec().build()).create();
        c.apps().statefulSets().inNamespace("shop").resource(new StatefulSetBuilder().withNewMetadata().withName("shop-db")
                .endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "shop-db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "shop-db").endMetadata().withNewSpec()
                .addNewContainer().withName("metrics").withImage("bitnami/postgres-exporter:0.15.0").endContainer()
                .addNewContainer().withName("postgresql").withImage("docker.io/bitnami/postgresql:16.2.0-debian-12-r5")
                .addNewEnvFrom().withNewConfigMapRef().withName("shop-db-config").endConfigMapRef()
                .withPrefix("POSTGRESQL_").endEnvFrom()
                .addNewEnvFrom().withNewSecretRef().withName("shop-db").endSecretRef().endEnvFrom()
                .addNewVolumeMount().withName("data").withMountPath("/bitnami/postgresql").endVolumeMount()
                .endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().endVolumeClaimTemplate()
                .endSpec().build()).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void findsTheClaimTemplatesClaimAndBitnamiCredentials() {
        SourceDatabase db = new SourceDiscovery(cluster.client(), ServerVersionProbe.none(), KubeRetry.none())
                .discover(NamespacedName.parse("shop/shop-db"));

        assertThat(db.kind()).isEqualTo("StatefulSet");
        assertThat(db.container()).isEqualTo("postgresql");
        assertThat(db.pod()).isEmpty();
        assertThat(db.dataDirectory()).isEqualTo("/bitnami/postgresql/data");
        assertThat(db.dataVolume().claim().name()).isEqualTo("data-shop-db-0");
        assertThat(db.dataVolume().volume()).isEmpty();
        assertThat(db.credentials().user()).isEqualTo("shop");
        assertThat(db.credentials().database()).isEqualTo("orders");
        assertThat(db.credentials().password()).isEqualTo(Secret.of("shop-pw"));
        assertThat(db.credentials().passwordVariable()).as("where a program in the pod finds it")
                .contains("POSTGRESQL_PASSWORD");
        assertThat(db.majorVersion()).contains(16);
        assertThat(db.untouchedClaims()).extracting(UntouchedClaim::name).containsExactly("invoices");
        assertThat(db.untouchedClaims().get(0).reason()).isEqualTo("not mounted by any Deployment or StatefulSet");
    }
}
