package dev.rehome.jdbc.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivilegeStatementTest {

    @Test
    void findsGranteesButNotObjectNamesThatLookLikeKeywords() {
        PrivilegeStatement p = PrivilegeStatement.parse(
                "GRANT SELECT ON TABLE \"s\".\"copy TO x\" TO \"Reporting Team\", \"app\" WITH GRANT OPTION");

        assertThat(p.kind()).isEqualTo(PrivilegeStatement.Kind.GRANT_OR_REVOKE);
        assertThat(p.roles()).containsExactly("Reporting Team", "app");
    }

    @Test
    void publicIsNotARole() {
        assertThat(PrivilegeStatement.parse("REVOKE ALL ON SCHEMA \"public\" FROM PUBLIC").roles()).isEmpty();
    }

    @Test
    void defaultPrivilegesNameTheirForRoleAndGrantee() {
        PrivilegeStatement p = PrivilegeStatement.parse("ALTER DEFAULT PRIVILEGES FOR ROLE \"owner\" IN SCHEMA \"s\""
                + " GRANT SELECT ON TABLES TO \"reader\"");

        assertThat(p.roles()).containsExactly("owner", "reader");
    }

    @Test
    void functionSignaturesDoNotHideTheGrantee() {
        PrivilegeStatement p = PrivilegeStatement.parse(
                "GRANT ALL ON FUNCTION \"public\".\"f\"(\"from\" integer, \"to\" text) TO \"ops\"");

        assertThat(p.roles()).containsExactly("ops");
    }

    @Test
    void sessionAuthorizationNamesTheGrantor() {
        PrivilegeStatement p = PrivilegeStatement.parse("SET SESSION AUTHORIZATION \"grantor\"");

        assertThat(p.kind()).isEqualTo(PrivilegeStatement.Kind.SET_AUTHORIZATION);
        assertThat(p.roles()).containsExactly("grantor");
    }
}
