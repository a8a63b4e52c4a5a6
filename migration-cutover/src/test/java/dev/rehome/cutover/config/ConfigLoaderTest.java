package dev.rehome.cutover.config;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.cutover.RehomeConfig;
import dev.rehome.core.cutover.Invariant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.ErrorCode;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.MigrationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    /** An app's defaults, as the file overrides them (basketball-api's, for familiar names). */
    private static final CutoverConfig BASE = base();
    private final ConfigLoader loader = new ConfigLoader(BASE);

    private static CutoverConfig base() {
        return RehomeConfig.source("basketball-api", "postgres").database("basketball").dataVolume("postgres-data")
                .app("basketball-api", "BASKETBALL_DATABASE_URL").into("postgres", "pal-e-postgres")
                .rowCounts("players", "orders").neverDelete("photo-uploads").build();
    }


    @Test
    void anEmptyFileKeepsEveryDefault() {
        assertThat(loader.parse("", "empty.yaml")).isEqualTo(BASE);
        assertThat(loader.parse("# only a comment\n", "c.yaml")).isEqualTo(BASE);
    }

    @Test
    void overridesOnlyTheKeysGiven() {
        CutoverConfig c = loader.parse("""
                source:
                  namespace: mcd-tracker
                app:
                  healthUrl: http://localhost:9/health
                retire:
                  coolOff: 3d
                deadlines: {copy: PT2H}
                """, "c.yaml");
        assertThat(c.source().namespace()).isEqualTo("mcd-tracker");
        assertThat(c.source().pvc()).isEqualTo("postgres-data");
        assertThat(c.app().healthUrl()).isEqualTo("http://localhost:9/health");
        assertThat(c.app().envVar()).isEqualTo("BASKETBALL_DATABASE_URL");
        assertThat(c.retire().coolOff()).isEqualTo(Duration.ofDays(3));
        assertThat(c.deadlines().copy()).isEqualTo(Duration.ofHours(2));
        assertThat(c.invariants()).isEqualTo(BASE.invariants());
    }

    @Test
    void invariantsReplaceTheDefaultListAndQuoteTheirTables() {
        CutoverConfig c = loader.parse("""
                invariants:
                  - table: Order Items
                    schema: Shop
                  - {name: open, table: tickets, where: "state <> 'closed'"}
                """, "c.yaml");
        assertThat(c.invariants()).containsExactly(
                new Invariant("Order Items", "Shop", "Order Items", Optional.empty()),
                new Invariant("open", "public", "tickets", Optional.of("state <> 'closed'")));
        assertThat(c.invariants().get(0).sql()).isEqualTo("SELECT count(*) FROM \"Shop\".\"Order Items\"");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> loader.parse("source:\n  pvcc: x\n", "c.yaml"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown key 'source.pvcc'").hasMessageContaining("c.yaml");
        assertThatThrownBy(() -> loader.parse("sauce: {}\n", "c.yaml")).hasMessageContaining("unknown key 'sauce'");
        assertThatThrownBy(() -> loader.parse("invariants: [{table: t, wher: x}]\n", "c.yaml"))
                .hasMessageContaining("unknown key 'invariants[0].wher'");
    }

    @Test
    void aMissingRequiredValueIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> loader.parse("target:\n  database:\n", "c.yaml"))
                .hasMessageContaining("'target.database' needs a value");
        assertThatThrownBy(() -> loader.parse("invariants:\n  - where: \"x = 1\"\n", "c.yaml"))
                .hasMessageContaining("missing required key 'invariants[0].table'");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> loader.parse("retire: {coolOff: soon}\n", "c.yaml"))
                .hasMessageContaining("'retire.coolOff' is not a duration");
        assertThatThrownBy(() -> loader.parse("invariants: [{table: t, where: \"1=1; DROP TABLE t\"}]\n", "c.yaml"))
                .hasMessageContaining("invariants[0].where");
        assertThatThrownBy(() -> loader.parse("source: [a]\n", "c.yaml")).hasMessageContaining("'source' must be a mapping");
        assertThatThrownBy(() -> loader.parse("a: [\n", "c.yaml")).isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((MigrationException) e).errorCode()).isEqualTo(ErrorCode.USAGE));
        assertThat(List.of(ErrorCode.values())).contains(ErrorCode.USAGE);
    }
}
