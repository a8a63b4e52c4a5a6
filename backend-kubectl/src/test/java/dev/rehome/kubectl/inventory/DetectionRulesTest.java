package dev.rehome.kubectl.inventory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionRulesTest {
    @Test
    void imageFamiliesAreRecognisedByRepositoryName() {
        assertThat(DataEngine.byImage("postgres:16-alpine")).contains(DataEngine.POSTGRESQL);
        assertThat(DataEngine.byImage("docker.io/bitnami/postgresql:16.4.0-debian-12-r9")).contains(DataEngine.POSTGRESQL);
        assertThat(DataEngine.byImage("postgis/postgis:16-3.4")).contains(DataEngine.POSTGRESQL);
        assertThat(DataEngine.byImage("timescale/timescaledb-ha:pg16")).contains(DataEngine.POSTGRESQL);
        assertThat(DataEngine.byImage("pgvector/pgvector:pg16@sha256:abc")).contains(DataEngine.POSTGRESQL);
        assertThat(DataEngine.byImage("registry.local:5000/mariadb:11")).contains(DataEngine.MARIADB);
        assertThat(DataEngine.byImage("valkey/valkey:8")).contains(DataEngine.VALKEY);
        assertThat(DataEngine.byImage("prometheuscommunity/postgres-exporter:v0.15.0")).isEmpty();
        assertThat(DataEngine.byImage("bitnami/pgbouncer:1.23.1")).isEmpty();
    }

    @Test
    void versionsComeFromTheTag() {
        assertThat(ImageName.version("postgres:16-alpine")).isEqualTo("16");
        assertThat(ImageName.version("pgvector/pgvector:pg16")).isEqualTo("16");
        assertThat(ImageName.version("mysql:8.0.39")).isEqualTo("8.0.39");
        assertThat(ImageName.version("redis")).isEmpty();
        assertThat(ImageName.version("localhost:5000/postgres")).isEmpty();
    }

    @Test
    void redisCountsOnlyWithPersistence() {
        assertThat(RedisPersistence.persists(redis("--appendonly", "yes"), false)).isTrue();
        assertThat(RedisPersistence.persists(redis("--save", "", "--appendonly", "no"), true)).isFalse();
        assertThat(RedisPersistence.persists(redis(), true)).isTrue();
        assertThat(RedisPersistence.persists(redis(), false)).isFalse();
        Container shell = new ContainerBuilder().withImage("redis:7").withCommand("sh", "-c")
                .withArgs("redis-server --appendonly yes --dir /data").build();
        assertThat(RedisPersistence.persists(shell, false)).isTrue();
    }

    private static Container redis(String... args) {
        return new ContainerBuilder().withImage("redis:7").withArgs(args).build();
    }

    @Test
    void selectorsAndGlobsFollowKubernetesAndVelero() {
        Map<String, Object> selector = Map.of("matchLabels", Map.of("app", "db"),
                "matchExpressions", java.util.List.of(Map.of("key", "tier", "operator", "NotIn", "values", java.util.List.of("cache"))));
        assertThat(LabelSelectors.matches(selector, Map.of("app", "db"))).isTrue();
        assertThat(LabelSelectors.matches(selector, Map.of("app", "db", "tier", "cache"))).isFalse();
        assertThat(LabelSelectors.matches(null, Map.of())).isTrue();
        assertThat(LabelSelectors.globMatches("team-*", "team-42")).isTrue();
        assertThat(LabelSelectors.globMatches("team-?", "team-42")).isFalse();
        assertThat(LabelSelectors.globMatches("a.b", "axb")).isFalse();
    }

    @Test
    void retentionAndTtlParse() {
        assertThat(Ages.cnpgRetention("7d")).contains(Duration.ofDays(7));
        assertThat(Ages.cnpgRetention("2w")).contains(Duration.ofDays(14));
        assertThat(Ages.cnpgRetention("0d")).isEmpty();
        assertThat(Ages.goDuration("720h0m0s")).contains(Duration.ofHours(720));
        assertThat(Ages.describe(Duration.ofHours(50))).isEqualTo("2d");
    }
}
