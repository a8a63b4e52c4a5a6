package dev.rehome.cutover.fleet;

import java.time.Clock;
import java.time.ZoneOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.Invariant;
import dev.rehome.core.RefusedException;
import dev.rehome.core.TableRef;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.discovery.ServerVersionProbe;
import dev.rehome.kubectl.discovery.SourceDiscovery;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.sandbox.fleet.SeededApi;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class FleetPlannerTest {
    private static final NamespacedName INTO = NamespacedName.parse("postgres/pal-e-postgres");
    private static final Clock CLOCK = Clock.fixed(ClusterSeeds.SEEDED_AT, ZoneOffset.UTC);
    private static SeededApi cluster;
    private static FleetPlanner planner;

    @BeforeAll
    static void seed() {
        cluster = SeededApi.start(CLOCK);
        TableCatalog tables = src -> List.of(new TableRef("public", "visits"), new TableRef("audit", "Log Entries"));
        planner = new FleetPlanner(cluster.client(), new SourceDiscovery(cluster.client(), ServerVersionProbe.none(),
                KubeRetry.none()), tables);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void derivesMcdTrackerFromItsPostgresDbRoleAppAndVolumes() {
        FleetCutover c = planner.derive(NamespacedName.parse("mcd-tracker/postgres"), INTO, FleetOptions.defaults());
        CutoverConfig cfg = c.config();
        assertThat(cfg.source().database()).isEqualTo("mcd_tracker");
        assertThat(cfg.source().pvc()).isEqualTo("postgres-data");
        assertThat(cfg.source().service()).isEqualTo("postgres");
        assertThat(cfg.target().database()).isEqualTo("mcd_tracker");
        assertThat(cfg.target().role()).isEqualTo("mcd_tracker");
        assertThat(cfg.target().cluster()).isEqualTo("pal-e-postgres");
        assertThat(cfg.app().deployment()).isEqualTo("mcd-tracker");
        assertThat(cfg.app().envVar()).isEqualTo("DATABASE_HOST");
        assertThat(cfg.app().connectionSecretKey()).isEqualTo("host");
        assertThat(c.app().style()).isEqualTo(AppReference.Style.HOST);
        assertThat(c.app().companions()).containsEntry("user", "DATABASE_USER")
                .containsEntry("password", "DATABASE_PASSWORD").containsEntry("dbname", "DATABASE_NAME");
        assertThat(cfg.retire().protectedPvcs()).isEmpty();
        assertThat(c.argoManaged()).isFalse();
        assertThat(cfg.invariants()).extracting(Invariant::name).containsExactly("visits", "audit.Log Entries");
        assertThat(cfg.invariants().get(1).sql()).isEqualTo("SELECT count(*) FROM \"audit\".\"Log Entries\"");
    }

    @Test
    void derivesPalEMailWithAValidRoleFromTheDashedNamespace() {
        FleetCutover c = planner.derive(NamespacedName.parse("pal-e-mail/postgres"), INTO, FleetOptions.defaults());
        assertThat(c.config().source().database()).isEqualTo("palemail");
        assertThat(c.config().target().role()).isEqualTo("pal_e_mail");
        assertThat(c.config().app().deployment()).isEqualTo("pal-e-mail");
        assertThat(c.config().app().envVar()).isEqualTo("DATABASE_HOST");
        assertThat(c.config().source().pvc()).isEqualTo("postgres-data");
        assertThat(c.config().app().healthUrl()).isEmpty();
    }

    @Test
    void findsAUrlInASecretAndProtectsTheAppsOwnVolume() {
        FleetCutover c = planner.derive(NamespacedName.parse("basketball-api/postgres"), INTO, FleetOptions.defaults());
        assertThat(c.config().app().envVar()).isEqualTo("BASKETBALL_DATABASE_URL");
        assertThat(c.app().style()).isEqualTo(AppReference.Style.URL);
        assertThat(c.app().via()).isEqualTo("Secret basketball-api-secrets key database-url");
        assertThat(c.config().source().pvc()).isEqualTo("postgres-data");
        assertThat(c.config().retire().protectedPvcs()).containsExactly("photo-uploads");
        assertThat(c.argoManaged()).isTrue();
        assertThat(c.config().app().healthUrl()).isEqualTo("http://basketball-api.basketball-api.svc.cluster.local:8000/health");
        assertThat(c.notes()).noneMatch(n -> n.contains("sandbox-basketball-pw"));
    }

    @Test
    void takesTheRoleTheOperatorGives() {
        FleetCutover c = planner.derive(NamespacedName.parse("mcd-tracker/postgres"), INTO,
                new FleetOptions(Optional.of("mcd"), Optional.empty(), Optional.empty(), false));
        assertThat(c.config().target().role()).isEqualTo("mcd");
    }

    @Test
    void refusesWhenNoAppPointsAtTheDatabase() {
        cluster.client().apps().deployments().inNamespace("pal-e-mail").withName("pal-e-mail").delete();
        try {
            assertThatThrownBy(() -> planner.derive(NamespacedName.parse("pal-e-mail/postgres"), INTO, FleetOptions.defaults()))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("nothing to re-point");
        } finally {
            ClusterSeeds.objects(cluster.client(), CLOCK).stream()
                    .filter(o -> o.getKind().equals("Deployment") && o.getMetadata().getName().equals("pal-e-mail"))
                    .forEach(o -> cluster.client().resource(o).create());
        }
    }
}
