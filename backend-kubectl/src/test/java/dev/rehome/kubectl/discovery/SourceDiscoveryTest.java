package dev.rehome.kubectl.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceDiscoveryTest {
    private MockCluster cluster;

    @BeforeAll
    void seed() {
        cluster = MockCluster.seeded();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private SourceDiscovery discovery(ServerVersionProbe probe) {
        return new SourceDiscovery(cluster.client(), probe, KubeRetry.none());
    }

    @Test
    void picksExactlyThePostgresDataClaimAndNeverPhotoUploads() {
        SourceDatabase db = discovery(ServerVersionProbe.none()).discover(NamespacedName.parse("basketball-api/postgres"));

        assertThat(db.dataVolume().claim().name()).isEqualTo("postgres-data");
        assertThat(db.dataVolume().claim().uid()).isEqualTo(cluster.client().persistentVolumeClaims()
                .inNamespace("basketball-api").withName("postgres-data").get().getMetadata().getUid());
        assertThat(db.dataVolume().mountPath()).isEqualTo("/var/lib/postgresql/data");
        assertThat(db.dataDirectory()).isEqualTo("/var/lib/postgresql/data/pgdata");
        VolumeInfo pv = db.dataVolume().volume().orElseThrow();
        assertThat(pv.name()).isEqualTo("pvc-3c1f0b52-8d7e-4a51-9f0e-2b6d4c8a7e10");
        assertThat(pv.reclaimPolicy()).isEqualTo("Delete");
        assertThat(pv.storageClass()).isEqualTo("local-path");
        assertThat(pv.node()).contains("pal-e-node");
        assertThat(db.untouchedClaims()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("photo-uploads");
            assertThat(u.reason()).contains("Deployment basketball-api").contains("/app/uploads");
        });
        assertThat(db.describe()).contains("photo-uploads: not the database's, never touched")
                .doesNotContain("sandbox-basketball-pw");
    }

    @Test
    void resolvesCredentialsFromTheSecretWithoutShowingThem() {
        SourceDatabase db = discovery(ServerVersionProbe.none()).discover(NamespacedName.parse("basketball-api/postgres"));

        assertThat(db.credentials().user()).isEqualTo("basketball");
        assertThat(db.credentials().password()).isEqualTo(Secret.of("sandbox-basketball-pw"));
        assertThat(db.credentials().passwordVariable()).contains("POSTGRES_PASSWORD");
        assertThat(db.credentials().database()).isEqualTo("basketball");
        assertThat(db.credentials().origins().get("password"))
                .isEqualTo("POSTGRES_PASSWORD from Secret basketball-api/postgres-credentials key POSTGRES_PASSWORD");
        assertThat(db.toString()).doesNotContain("sandbox-basketball-pw");
        assertThat(db.pod()).contains("postgres-6b8f9c7d54-x2k4p");
        assertThat(db.container()).isEqualTo("postgres");
        assertThat(db.service()).contains("postgres");
        assertThat(db.serviceHost()).contains("postgres.basketball-api.svc.cluster.local");
        assertThat(db.endpoint("127.0.0.1", 15432).password()).isEqualTo(Secret.of("sandbox-basketball-pw"));
        assertThat(db.endpoint("127.0.0.1", 15432).database()).isEqualTo("basketball");
    }

    @Test
    void resolvesEnvFromSecretRefInTheOtherStandaloneNamespaces() {
        SourceDatabase db = discovery(ServerVersionProbe.none()).discover(NamespacedName.parse("mcd-tracker/postgres"));

        assertThat(db.credentials().user()).isEqualTo("mcd");
        assertThat(db.credentials().password()).isEqualTo(Secret.of("sandbox-mcd-tracker-pw"));
        assertThat(db.credentials().database()).isEqualTo("mcd_tracker");
        assertThat(db.dataDirectory()).isEqualTo("/var/lib/postgresql/data");
        assertThat(db.dataVolume().claim().name()).isEqualTo("postgres-data");
        assertThat(db.untouchedClaims()).isEmpty();
    }

    @Test
    void asksTheServerForTheMajorAndFallsBackToTheImageTag() {
        var ref = NamespacedName.parse("basketball-api/postgres");
        SourceDatabase hinted = discovery(ServerVersionProbe.none()).discover(ref);
        assertThat(hinted.majorVersion()).contains(16);
        assertThat(hinted.majorFromServer()).isFalse();

        SourceDatabase asked = discovery((ns, pod, container) -> OptionalInt.of(15)).discover(ref);
        assertThat(asked.majorVersion()).contains(15);
        assertThat(asked.majorFromServer()).isTrue();
    }

    @Test
    void followsPgdataToItsOwnMountWhenTheDataDirectoryMoves() {
        // A second mount at the PGDATA parent must lose to a deeper mount that holds PGDATA itself.
        cluster.client().apps().deployments().inNamespace("basketball-api").withName("postgres").edit(d -> {
            var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            c.getEnv().removeIf(e -> e.getName().equals("PGDATA"));
            c.getEnv().add(new EnvVarBuilder().withName("PGDATA").withValue("/var/lib/postgresql/data/pgdata").build());
            return d;
        });
        SourceDatabase db = discovery(ServerVersionProbe.none()).discover(NamespacedName.parse("basketball-api/postgres"));
        assertThat(db.dataVolume().claim().name()).isEqualTo("postgres-data");
    }

    @Test
    void refusesAWorkloadWithoutAPostgresContainer() {
        assertThatThrownBy(() -> discovery(ServerVersionProbe.none())
                .discover(NamespacedName.parse("basketball-api/basketball-api")))
                .isInstanceOf(RefusedException.class).hasMessageContaining("no PostgreSQL container");
    }

    @Test
    void imageFamiliesAndMajorHints() {
        assertThat(PostgresImages.majorHint("postgres:16-alpine")).hasValue(16);
        assertThat(PostgresImages.majorHint("postgis/postgis:15-3.4")).hasValue(15);
        assertThat(PostgresImages.majorHint("pgvector/pgvector:pg17")).hasValue(17);
        assertThat(PostgresImages.majorHint("timescale/timescaledb:2.14.2-pg16")).hasValue(2);
        assertThat(PostgresImages.majorHint("docker.io/bitnami/postgresql:16.2.0-debian-12-r5")).hasValue(16);
        assertThat(PostgresImages.family("registry:5000/bitnami/postgresql:16")).isEqualTo("postgresql");
    }
}
