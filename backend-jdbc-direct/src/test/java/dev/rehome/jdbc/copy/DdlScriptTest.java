package dev.rehome.jdbc.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DdlScriptTest {
    private static final String POST_DATA = """
            SET statement_timeout = 0;
            SELECT pg_catalog.set_config('search_path', '', false);
            ALTER TABLE ONLY "Mixed Case"."Order Items"
                ADD CONSTRAINT "Order Items_pkey" PRIMARY KEY ("Item ID");
            CREATE INDEX "m_value" ON ONLY "trap"."measurements" USING "btree" ("value");
            ALTER INDEX "trap"."m_value" ATTACH PARTITION "trap"."m_2023_value";
            ALTER TABLE ONLY "trap"."books"
                ADD CONSTRAINT "books_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "trap"."authors"("id");
            GRANT SELECT ON TABLE "trap"."floats" TO "trap_reader";
            """;

    @Test
    void sortsStatementsIntoSettingsIndexBuildsPrivilegesAndTheRest() {
        DdlScript script = DdlScript.parse(POST_DATA);

        assertThat(script.sessionSettings()).hasSize(2);
        assertThat(script.privileges()).containsExactly("GRANT SELECT ON TABLE \"trap\".\"floats\" TO \"trap_reader\"");
        assertThat(script.statements()).filteredOn(DdlScript::isIndexBuild).hasSize(2)
                .allSatisfy(s -> assertThat(s).doesNotContain("FOREIGN KEY").doesNotContain("ATTACH"));
        assertThat(script.statements()).hasSize(6);
    }
}
