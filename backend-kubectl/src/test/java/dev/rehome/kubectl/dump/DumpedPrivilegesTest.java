package dev.rehome.kubectl.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DumpedPrivilegesTest {
    private static final String DUMP = """
            --
            -- Name: shout(); Type: FUNCTION; Schema: public; Owner: -
            --

            CREATE FUNCTION public.shout() RETURNS trigger
                LANGUAGE plpgsql
                AS $$ BEGIN
            GRANT SELECT ON TABLE public.t TO nobody;
            END $$;

            --
            -- Name: TABLE "Order Items"; Type: ACL; Schema: public; Owner: app
            --

            GRANT SELECT ON TABLE public."Order Items" TO "Mixed ""Role""\";
            GRANT SELECT(id) ON TABLE public."Order Items" TO app_ro WITH GRANT OPTION;
            REVOKE ALL ON TABLE public."Order Items" FROM PUBLIC;

            --
            -- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: public; Owner: app
            --

            ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA public GRANT SELECT ON TABLES TO app_ro;
            """;

    private final DumpedPrivileges privileges = DumpedPrivileges.read(new BufferedReader(new StringReader(DUMP)));

    @Test
    void takesOnlyStatementsOfPrivilegeEntriesNotTextInsideFunctionBodies() {
        assertThat(privileges.statements()).hasSize(4).noneMatch(s -> s.contains("nobody"));
    }

    @Test
    void namesGranteesIncludingQuotedOnesAndTheRoleOfDefaultPrivileges() {
        assertThat(DumpedPrivileges.rolesNamed(privileges.statements().get(0))).containsExactly("Mixed \"Role\"");
        assertThat(DumpedPrivileges.rolesNamed(privileges.statements().get(1))).containsExactly("app_ro");
        assertThat(DumpedPrivileges.rolesNamed(privileges.statements().get(2))).containsExactly("public");
        assertThat(DumpedPrivileges.rolesNamed(privileges.statements().get(3))).containsExactly("app", "app_ro");
    }

    @Test
    void replaysOnlyStatementsWhoseRolesExistAndSaysWhichItLeftOut() {
        DumpedPrivileges.Replay replay = privileges.replayableIn(Set.of("app_ro"));
        assertThat(replay.statements()).containsExactly(
                "GRANT SELECT(id) ON TABLE public.\"Order Items\" TO app_ro WITH GRANT OPTION;",
                "REVOKE ALL ON TABLE public.\"Order Items\" FROM PUBLIC;");
        assertThat(replay.notices()).containsExactly(
                "GRANT SELECT ON TABLE public.\"Order Items\" TO \"Mixed \"\"Role\"\"\" not replayed: role Mixed \"Role\""
                        + " does not exist in the target",
                "ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA public GRANT SELECT ON TABLES TO app_ro not replayed:"
                        + " role app does not exist in the target");
    }
}
