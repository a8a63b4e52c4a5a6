package dev.rehome.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.Invariant;
import org.junit.jupiter.api.Test;

class RehomeConfigTest {
    private static CutoverConfig inventory() {
        return RehomeConfig.source("inventory", "postgres").database("inventory").dataVolume("postgres-data")
                .app("inventory-api", "INVENTORY_DATABASE_URL")
                .into("postgres", "pal-e-postgres")
                .rowCounts("items", "orders")
                .neverDelete("uploads")
                .build();
    }

    @Test
    void theNamesThatDifferAreGivenAndTheRestFollowsTheFleetConventions() {
        CutoverConfig c = inventory();
        assertThat(c.source()).isEqualTo(new CutoverConfig.Source("inventory", "postgres", "postgres", "postgres",
                "postgres-data", "inventory"));
        assertThat(c.app().envVar()).isEqualTo("INVENTORY_DATABASE_URL");
        assertThat(c.app().connectionSecret()).isEqualTo("inventory-api-db-pal-e-postgres");
        assertThat(c.target()).isEqualTo(new CutoverConfig.Target("postgres", "pal-e-postgres", "inventory", "inventory"));
        assertThat(c.invariants()).extracting(Invariant::sql).containsExactly(
                "SELECT count(*) FROM \"public\".\"items\"", "SELECT count(*) FROM \"public\".\"orders\"");
        assertThat(c.retire().protectedPvcs()).containsExactly("uploads");
        assertThat(c.gitops().overlay()).isEqualTo("overlays/inventory-api/prod");
    }

    @Test
    void whatCannotBeGuessedMustBeGiven() {
        assertThatThrownBy(() -> RehomeConfig.source("inventory", "postgres").app("a", "URL").into("p", "c").build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("dataVolume");
        assertThatThrownBy(() -> RehomeConfig.source("inventory", "postgres").dataVolume("d").app("a", "URL")
                .into("p", "c").role("Bad-Role").build()).hasMessageContaining("Bad-Role");
    }

    @Test
    void loadRefusesAnIncompleteOrWrongSetUpBeforeAnythingRuns() {
        assertThatThrownBy(() -> Rehome.configure().load()).hasMessageContaining("config(");
        assertThatThrownBy(() -> Rehome.configure().config(inventory()).load()).hasMessageContaining("cluster(...) or ports(...)");
        assertThatThrownBy(() -> Rehome.configure().config(inventory()).ports(c -> null).engine("bogus").load())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("bogus");
    }
}
