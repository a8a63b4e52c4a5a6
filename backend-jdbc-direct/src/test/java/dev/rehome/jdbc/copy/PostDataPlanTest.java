package dev.rehome.jdbc.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.TableRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostDataPlanTest {
    private static final String POST = """
            SET statement_timeout = 0;
            CREATE INDEX "idx_k" ON "public"."narrow" USING "btree" ("k");
            ALTER TABLE ONLY "Mixed Case"."Order \"\"Items\"\"\"
                ADD CONSTRAINT "items_pkey" PRIMARY KEY ("id");
            CREATE UNIQUE INDEX "u" ON ONLY "public"."parted" USING "btree" ("id");
            ALTER INDEX "public"."u" ATTACH PARTITION "public"."u_2024";
            ALTER TABLE ONLY "public"."books"
                ADD CONSTRAINT "books_author_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id");
            ALTER TABLE ONLY "public"."late"
                ADD CONSTRAINT "late_fkey" FOREIGN KEY ("x") REFERENCES "public"."authors"("id") NOT VALID;
            ALTER TABLE "public"."parted"
                ADD CONSTRAINT "parted_fkey" FOREIGN KEY ("a") REFERENCES "public"."authors"("id");
            CREATE TRIGGER "t" BEFORE INSERT ON "public"."books" FOR EACH ROW EXECUTE FUNCTION "public"."f"();
            """;

    private final PostDataPlan plan = PostDataPlan.of(DdlScript.parse(POST));

    @Test
    void indexBuildsAreGroupedByTheTableTheyAreOnWithQuotedNamesUnquoted() {
        assertThat(plan.indexesByTable()).containsOnlyKeys(new TableRef("public", "narrow"),
                new TableRef("Mixed Case", "Order \"Items\""), new TableRef("public", "parted"));
        assertThat(plan.indexesByTable().get(new TableRef("public", "narrow"))).singleElement().asString()
                .startsWith("CREATE INDEX \"idx_k\"");
        assertThat(plan.indexesNotOn(Set.of(new TableRef("public", "narrow"),
                new TableRef("Mixed Case", "Order \"Items\"")))).singleElement().asString()
                .startsWith("CREATE UNIQUE INDEX \"u\" ON ONLY");
    }

    @Test
    void aForeignKeyOnAPlainTableIsAddedNotValidAndValidatedAfterwards() {
        assertThat(plan.ordered()).contains("ALTER TABLE ONLY \"public\".\"books\"\n    ADD CONSTRAINT \"books_author_fkey\""
                + " FOREIGN KEY (\"author_id\") REFERENCES \"public\".\"authors\"(\"id\") NOT VALID");
        assertThat(plan.validations()).containsExactly(
                "ALTER TABLE ONLY \"public\".\"books\" VALIDATE CONSTRAINT \"books_author_fkey\"");
    }

    @Test
    void keysNotValidOnTheSourceAndKeysOnPartitionedTablesRunAsDumped() {
        assertThat(plan.ordered()).anySatisfy(s -> assertThat(s).endsWith("(\"id\") NOT VALID")
                .contains("late_fkey").doesNotContain("NOT VALID NOT VALID"));
        assertThat(plan.ordered()).anySatisfy(s -> assertThat(s).contains("parted_fkey").doesNotContain("NOT VALID"));
        assertThat(plan.validations()).noneMatch(v -> v.contains("late_fkey") || v.contains("parted_fkey"));
    }

    @Test
    void everythingElseKeepsDumpOrderAndSettingsAreKept() {
        assertThat(plan.ordered()).hasSize(6);
        assertThat(plan.ordered().get(0)).startsWith("SET statement_timeout");
        assertThat(plan.ordered().get(1)).startsWith("ALTER INDEX");
        assertThat(plan.ordered().get(5)).startsWith("CREATE TRIGGER");
        assertThat(plan.sessionSettings()).containsExactly("SET statement_timeout = 0");
        assertThat(List.copyOf(plan.indexesByTable().keySet())).hasSize(3);
    }
}
