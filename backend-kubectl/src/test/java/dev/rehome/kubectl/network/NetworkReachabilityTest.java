package dev.rehome.kubectl.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkReachabilityTest {
    private static final NamespacedName PAL_E = NamespacedName.parse("postgres/pal-e-postgres");
    private static final Map<String, String> APP = Map.of("app", "basketball-api");
    private MockCluster cluster;
    private NetworkReachability reachability;

    @BeforeAll
    void seed() {
        cluster = MockCluster.seeded();
        reachability = new NetworkReachability(cluster.client(), KubeRetry.none());
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void theSeededPolicyAdmitsPalEDocsButNotBasketballApi() {
        assertThat(reachability.check(PAL_E, "pal-e-docs", Map.of("app", "pal-e-docs")).allowed()).isTrue();

        Reachability verdict = reachability.check(PAL_E, NamespacedName.parse("basketball-api/basketball-api"));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reasons()).anySatisfy(r -> assertThat(r)
                .contains("postgres/postgres-ingress selects the pods but no rule admits basketball-api on port 5432"));
        assertThat(verdict.policyYaml()).hasValueSatisfying(yaml -> assertThat(yaml)
                .contains("name: \"allow-basketball-api-to-pal-e-postgres\"")
                .contains("namespace: \"postgres\"")
                .contains("kubernetes.io/metadata.name: \"basketball-api\"")
                .contains("cnpg.io/cluster: \"pal-e-postgres\"")
                .contains("port: 5432"));
        assertThat(verdict.terraformHint()).contains(
                "Or add \"basketball-api\", to the postgres ingress allow list in terraform/network-policies.tf");
    }

    @Test
    void applyingTheGeneratedPolicyFlipsTheVerdict() {
        Reachability before = reachability.check(PAL_E, "mcd-tracker", Map.of("app", "mcd-tracker"));
        assertThat(before.allowed()).isFalse();

        NetworkPolicy generated = cluster.client().network().v1().networkPolicies()
                .load(new java.io.ByteArrayInputStream(before.policyYaml().orElseThrow().getBytes())).item();
        cluster.client().resource(generated).create();

        assertThat(reachability.check(PAL_E, "mcd-tracker", Map.of("app", "mcd-tracker")).allowed()).isTrue();
        cluster.client().resource(generated).delete();
    }

    @Test
    void noPolicyMeansAllowedAndPodSelectorAloneMeansSameNamespaceOnly() {
        NamespacedName other = NamespacedName.parse("pal-e-mail/pal-e-mail-cnpg");
        assertThat(reachability.check(other, "basketball-api", APP).allowed()).isTrue();

        NetworkPolicy sameNamespaceOnly = new NetworkPolicyBuilder().withNewMetadata().withName("same-ns")
                .withNamespace("pal-e-mail").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom().endIngress()
                .endSpec().build();
        cluster.client().resource(sameNamespaceOnly).create();
        try {
            assertThat(reachability.check(other, "basketball-api", APP).allowed()).isFalse();
            assertThat(reachability.check(other, "pal-e-mail", Map.of("app", "pal-e-mail")).allowed()).isTrue();
        } finally {
            cluster.client().resource(sameNamespaceOnly).delete();
        }
    }

    @Test
    void namedPortsAndEgressRestrictionsCount() {
        NetworkPolicy namedPort = new NetworkPolicyBuilder().withNewMetadata().withName("named-port")
                .withNamespace("postgres").endMetadata().withNewSpec().withNewPodSelector()
                .addToMatchLabels("cnpg.io/cluster", "pal-e-postgres").endPodSelector()
                .addNewIngress().addNewFrom().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", "pal-e-mail").endNamespaceSelector().endFrom()
                .addNewPort().withNewPort("postgresql").endPort().endIngress().endSpec().build();
        NetworkPolicy denyEgress = new NetworkPolicyBuilder().withNewMetadata().withName("deny-egress")
                .withNamespace("pal-e-mail").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .withPolicyTypes("Egress").endSpec().build();
        cluster.client().resource(namedPort).create();
        try {
            assertThat(reachability.check(PAL_E, "pal-e-mail", Map.of("app", "pal-e-mail")).allowed()).isTrue();
            cluster.client().resource(denyEgress).create();
            Reachability blocked = reachability.check(PAL_E, "pal-e-mail", Map.of("app", "pal-e-mail"));
            assertThat(blocked.allowed()).isFalse();
            assertThat(blocked.reasons()).anySatisfy(r -> assertThat(r).contains("egress from pal-e-mail is restricted"));
        } finally {
            cluster.client().resource(namedPort).delete();
            cluster.client().resource(denyEgress).delete();
        }
    }
}
