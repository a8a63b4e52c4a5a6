package dev.rehome.kubectl.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.MockCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rehome's Secrets carry its label; one of the same name that someone else made is never overwritten or deleted. */
class KubeSecretsTest {
    private MockCluster cluster;
    private KubeSecrets secrets;

    @BeforeEach
    void start() {
        cluster = MockCluster.empty();
        secrets = new KubeSecrets(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void writesLabelledSecretsAndUpdatesItsOwn() {
        secrets.put("shop", "rehome-fence-shop", Map.of("password", Secret.of("one")));
        secrets.put("shop", "rehome-fence-shop", Map.of("password", Secret.of("two")));

        assertThat(secrets.read("shop", "rehome-fence-shop")).hasValueSatisfying(d ->
                assertThat(d.get("password").reveal()).isEqualTo("two"));
        assertThat(cluster.client().secrets().inNamespace("shop").withName("rehome-fence-shop").get().getMetadata()
                .getLabels()).containsEntry("app.kubernetes.io/managed-by", "rehome");
        secrets.delete("shop", "rehome-fence-shop");
        assertThat(secrets.read("shop", "rehome-fence-shop")).isEmpty();
        secrets.delete("shop", "rehome-fence-shop");
    }

    @Test
    void neverOverwritesOrDeletesASecretSomeoneElseMade() {
        cluster.client().resource(new SecretBuilder().withNewMetadata().withName("shop-db").withNamespace("shop")
                .endMetadata().addToData("url", "b3JpZ2luYWw=").build()).create();

        assertThatThrownBy(() -> secrets.put("shop", "shop-db", Map.of("url", Secret.of("replaced"))))
                .isInstanceOf(RefusedException.class).hasMessageContaining("was not made by rehome")
                .hasMessageNotContaining("replaced");
        assertThatThrownBy(() -> secrets.delete("shop", "shop-db")).isInstanceOf(RefusedException.class);
        assertThat(secrets.read("shop", "shop-db")).hasValueSatisfying(d ->
                assertThat(d.get("url").reveal()).isEqualTo("original"));
    }
}
