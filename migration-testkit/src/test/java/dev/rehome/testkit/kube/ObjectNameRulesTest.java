package dev.rehome.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ObjectNameRulesTest {
    @Test
    void namesARealApiServerRefusesAreRefusedAndValidOnesAreStored() {
        try (InProcessCluster cluster = InProcessCluster.startBare()) {
            var secrets = cluster.client().secrets().inNamespace("postgres");
            assertThatThrownBy(() -> secrets.resource(new SecretBuilder().withNewMetadata()
                    .withName("rehome-mcd_tracker-credentials").endMetadata().build()).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
                    .hasMessageContaining("rehome-mcd_tracker-credentials");
            assertThatThrownBy(() -> cluster.client().services().inNamespace("postgres").resource(new ServiceBuilder()
                    .withNewMetadata().withName("a.b").endMetadata().build()).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
            assertThatThrownBy(() -> cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                    .withName("Kube_System").endMetadata().build()).create())
                    .isInstanceOf(KubernetesClientException.class);

            secrets.resource(new SecretBuilder().withNewMetadata().withName("rehome-mcd-tracker-credentials")
                    .endMetadata().addToData("password", "eA==").build()).create();
            assertThat(secrets.withName("rehome-mcd-tracker-credentials").get().getData()).containsKey("password");
        }
    }
}
