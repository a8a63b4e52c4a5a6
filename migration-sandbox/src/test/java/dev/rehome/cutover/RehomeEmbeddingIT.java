package dev.rehome.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.StepResult;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.sandbox.Sandbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another team's tool embeds rehome: inventory-api's standalone postgres moves into pal-e-postgres through the public
 * entry point, in the few lines the README shows, in an in-process world built for those names (real PostgreSQL
 * servers, the data moved and verified).
 */
@Timeout(300)
class RehomeEmbeddingIT {
    private final Clock clock = Clock.systemUTC();

    @TempDir
    Path work;

    @Test
    void anotherAppsMoveBuiltThroughThePublicApiMovesAndVerifiesItsData() throws Exception {
        CutoverConfig inventory = RehomeConfig.source("inventory", "postgres").database("inventory")
                .dataVolume("inventory-data")
                .app("inventory-api", "INVENTORY_DATABASE_URL")
                .into("postgres", "pal-e-postgres")
                .rowCounts("players", "teams")
                .neverDelete("uploads")
                .build();
        try (Sandbox world = Sandbox.start(work, clock, inventory)) {
            CutoverOutcome outcome;
            try (Rehome rehome = Rehome.configure()
                    .config(world.config())
                    .ports(config -> world.ports(LocalEngines.catalog(clock), LocalEngines.verifier("inventory")))
                    .engine("jdbc-direct")
                    .clock(clock)
                    .load()) {
                outcome = rehome.migrate();
            }

            assertThat(outcome.result().steps()).as(outcome.result().toString())
                    .allMatch(r -> r instanceof StepResult.Succeeded);
            try (Connection c = world.target().connect("inventory"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM public.players")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(76);
            }
            assertThat(world.cluster().env(new WorkloadRef("inventory", "inventory-api"), "inventory-api",
                    "INVENTORY_DATABASE_URL").orElseThrow().secret())
                    .as("the app reads its URL from the new home's Secret").isEqualTo("inventory-api-db-pal-e-postgres");
        }
    }
}
