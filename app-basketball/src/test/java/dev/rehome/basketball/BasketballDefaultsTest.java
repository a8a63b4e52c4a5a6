package dev.rehome.basketball;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.Invariant;
import dev.rehome.sandbox.SeededCluster;
import org.junit.jupiter.api.Test;

class BasketballDefaultsTest {
    @Test
    void defaultsNameTheRealCluster() {
        CutoverConfig c = BasketballDefaults.config();
        assertThat(c.source().namespace()).isEqualTo("basketball-api");
        assertThat(c.source().deployment()).isEqualTo("postgres");
        assertThat(c.source().pvc()).isEqualTo("postgres-data");
        assertThat(c.app().deployment()).isEqualTo("basketball-api");
        assertThat(c.app().envVar()).isEqualTo("BASKETBALL_DATABASE_URL");
        assertThat(c.target().namespace() + "/" + c.target().cluster()).isEqualTo("postgres/pal-e-postgres");
        assertThat(c.target().database()).isEqualTo("basketball");
        assertThat(c.target().role()).isEqualTo("basketball");
        assertThat(c.gitops().overlay()).isEqualTo("overlays/basketball-api/prod");
        assertThat(c.gitops().protectedFiles()).containsExactly("pvc.yaml");
        assertThat(c.retire().protectedPvcs()).containsExactly("photo-uploads");
        assertThat(c.invariants()).extracting(Invariant::sql).containsExactly(
                "SELECT count(*) FROM \"public\".\"players\"", "SELECT count(*) FROM \"public\".\"registrations\"",
                "SELECT count(*) FROM \"public\".\"teams\"", "SELECT count(*) FROM \"public\".\"parents\"",
                "SELECT count(*) FROM \"public\".\"orders\"",
                "SELECT count(*) FROM \"public\".\"orders\" WHERE status = 'paid'");
    }

    @Test
    void theSandboxWorldIsSeededWithTheseNames() {
        assertThat(SeededCluster.config()).isEqualTo(BasketballDefaults.config());
    }
}
