package dev.rehome.kubectl.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import dev.rehome.testkit.cluster.ClusterSeeds;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Which declarative path each CNPG version gets, and request validation; no SQL runs here. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionPlanTest {
    private static final NamespacedName PAL_E = NamespacedName.parse("postgres/pal-e-postgres");
    private static final ProvisionRequest BASKETBALL = new ProvisionRequest(PAL_E, "basketball", "basketball",
            NamespacedName.parse("basketball-api/basketball-db"), "p1");
    private MockCluster cluster;

    @BeforeAll
    void seed() {
        cluster = MockCluster.seeded();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private List<String> planOn(String operatorVersion) {
        cluster.client().configMaps().inNamespace("postgres").withName("cnpg-default-monitoring").edit(cm -> {
            cm.getMetadata().getAnnotations().put("cnpg.io/operatorVersion", operatorVersion);
            return cm;
        });
        FakeClock clock = new FakeClock(ClusterSeeds.SEEDED_AT);
        return new Provisioner(cluster.client(), t -> {
            throw new AssertionError("plan must not run SQL");
        }, new SecureRandom(), new Poller(clock, clock.sleeper(), Duration.ofSeconds(1)), KubeRetry.none(),
                Duration.ofMinutes(1)).plan(BASKETBALL);
    }

    @Test
    void cnpg130UsesDatabaseRoleAndDatabaseCrs() {
        assertThat(planOn("1.30.0")).anySatisfy(l -> assertThat(l).startsWith("DatabaseRole postgres/pal-e-postgres-basketball"))
                .anySatisfy(l -> assertThat(l).startsWith("Database postgres/pal-e-postgres-basketball"));
    }

    @Test
    void cnpg126PatchesManagedRolesAndUsesTheDatabaseCr() {
        assertThat(planOn("1.26.1")).anySatisfy(l -> assertThat(l).contains("spec.managed.roles += basketball"))
                .anySatisfy(l -> assertThat(l).startsWith("Database postgres/pal-e-postgres-basketball"));
    }

    @Test
    void cnpg124CreatesTheDatabaseWithSqlInLocaleC() {
        assertThat(planOn("1.24.2")).anySatisfy(l -> assertThat(l).isEqualTo("SQL: CREATE DATABASE \"basketball\" OWNER "
                + "\"basketball\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"));
    }

    @Test
    void declaresADatabaseRoleOnceWithRetainAndNoPrivileges() {
        RoleDeclaration roles = new RoleDeclaration(cluster.client());
        assertThat(roles.declareAsDatabaseRole(BASKETBALL)).startsWith("created DatabaseRole");
        assertThat(roles.declareAsDatabaseRole(BASKETBALL)).startsWith("reused DatabaseRole");

        var role = CnpgKinds.of(cluster.client(), CnpgKinds.DATABASE_ROLE).inNamespace("postgres")
                .withName("pal-e-postgres-basketball").get();
        assertThat(Fields.string(role, "spec", "cluster", "name")).contains("pal-e-postgres");
        assertThat(Fields.string(role, "spec", "databaseRoleReclaimPolicy")).contains("retain");
        assertThat(Fields.isFalse(role, "spec", "superuser")).isTrue();
        assertThat(Fields.isTrue(role, "spec", "login")).isTrue();
        assertThat(Fields.string(role, "spec", "passwordSecret", "name")).contains("basketball-credentials");
    }

    @Test
    void rejectsNamesThatAreReservedOrNeedQuoting() {
        for (String bad : List.of("postgres", "pg_monitor", "cnpg_pooler", "Basketball", "bad-name", "x;drop")) {
            assertThatThrownBy(() -> new ProvisionRequest(PAL_E, bad, "ok", BASKETBALL.appSecret(), "p1"))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(bad);
        }
    }
}
