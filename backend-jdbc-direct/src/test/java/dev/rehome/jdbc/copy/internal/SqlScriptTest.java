package dev.rehome.jdbc.copy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void keepsSemicolonsInsideStringsIdentifiersAndDollarQuotes() {
        String script = """
                CREATE TABLE "a;b" (x text DEFAULT 'x;y');
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; SELECT 2 $body$;
                SELECT E'it\\'s;' , $$;$$;
                """;

        assertThat(SqlScript.split(script)).containsExactly(
                "CREATE TABLE \"a;b\" (x text DEFAULT 'x;y')",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; SELECT 2 $body$",
                "SELECT E'it\\'s;' , $$;$$");
    }

    @Test
    void dropsCommentsAndPsqlMetaCommandsBetweenStatements() {
        String script = """
                --
                -- PostgreSQL database dump
                --
                \\restrict abc123XYZ
                /* block; /* nested; */ still comment */
                SET statement_timeout = 0;
                SELECT 1 -- trailing; comment
                ;
                \\unrestrict abc123XYZ
                """;

        assertThat(SqlScript.split(script)).containsExactly("SET statement_timeout = 0", "SELECT 1 -- trailing; comment");
    }

    @Test
    void treatsPositionalParametersAsPlainText() {
        assertThat(SqlScript.split("CREATE FUNCTION g(int) RETURNS int AS 'SELECT $1' LANGUAGE sql; SELECT $1;"))
                .containsExactly("CREATE FUNCTION g(int) RETURNS int AS 'SELECT $1' LANGUAGE sql", "SELECT $1");
    }
}
