package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.Finding;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {

    @Test
    void normalizingCollapsesWhitespaceAndTrims() {
        assertThat(Inventory.normalize("  SELECT id,\n\t   name\n   FROM public.players;  "))
                .isEqualTo("SELECT id, name FROM public.players;");
        assertThat(Inventory.normalize(null)).isEmpty();
    }

    @Test
    void definitionsThatDifferOnlyInLayoutCompareEqual() {
        Inventory source = Inventory.of(Map.of("view public.v", " SELECT id\n   FROM public.t;"));
        Inventory target = Inventory.of(Map.of("view public.v", "SELECT id FROM public.t;"));
        assertThat(Inventory.compare("schema", source, target)).isEmpty();
    }

    @Test
    void viewQueriesDeparsedBySixteenAndLaterMatchTheQualifiedFormOfFifteen() {
        String fifteen = " SELECT players.id,\n    players.name\n   FROM public.players\n"
                + "  WHERE (players.status = 'active'::public.status);";
        String seventeen = " SELECT id,\n    name\n   FROM public.players\n  WHERE (status = 'active'::public.status);";
        assertThat(Inventory.normalizeViewQuery(fifteen)).isEqualTo(Inventory.normalizeViewQuery(seventeen))
                .isEqualTo("SELECT id, name FROM players WHERE (status = 'active'::status);");
        assertThat(Inventory.normalizeViewQuery("SELECT \"Mixed Case\".\"Order Items\".\"Qty\", t.x, 1.5 FROM s.t"))
                .isEqualTo("SELECT \"Qty\", x, 1.5 FROM t");
        assertThat(Inventory.of(Map.of("view public.v", "SELECT t.a FROM s.t", "view public.v reads", "[s.t]")).objects())
                .containsEntry("view public.v", "SELECT a FROM t").containsEntry("view public.v reads", "[s.t]");
    }

    @Test
    void eachDifferenceNamesTheObjectAndBothDefinitions() {
        Inventory source = Inventory.of(Map.of(
                "index public.players_name_idx", "CREATE INDEX players_name_idx ON public.players USING btree (name)",
                "enum public.status labels", "[active, benched]",
                "schema public", "exists"));
        Inventory target = Inventory.of(Map.of(
                "enum public.status labels", "[active, injured]",
                "schema public", "exists",
                "schema extra", "exists"));

        assertThat(Inventory.compare("schema", source, target)).containsExactly(
                new Finding("schema", "enum public.status labels", "[active, benched]", "[active, injured]"),
                new Finding("schema", "index public.players_name_idx",
                        "CREATE INDEX players_name_idx ON public.players USING btree (name)", "missing"),
                new Finding("schema", "schema extra", "missing", "exists"));
        assertThat(Inventory.compare("schema", source, target).get(0).describe())
                .isEqualTo("schema: enum public.status labels: source [active, benched], target [active, injured]");
    }
}
