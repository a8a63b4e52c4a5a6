package dev.rehome.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceNamesTest {
    private final ServiceNames fromPostgres = names("postgres");

    @Test
    void everyDnsFormOfAServiceResolvesAndTheBareNameOnlyInItsOwnNamespace() {
        assertThat(fromPostgres.rewrite("pal-e-postgres-rw.postgres.svc.cluster.local")).isEqualTo("127.20.0.2");
        assertThat(fromPostgres.rewrite("pal-e-postgres-rw.postgres.svc")).isEqualTo("127.20.0.2");
        assertThat(fromPostgres.rewrite("pal-e-postgres-rw.postgres")).isEqualTo("127.20.0.2");
        assertThat(fromPostgres.rewrite("pal-e-postgres-rw")).isEqualTo("127.20.0.2");
        assertThat(fromPostgres.rewrite("postgres.basketball-api.svc")).isEqualTo("127.20.0.3");
        assertThat(fromPostgres.rewrite("postgres")).as("the bare name of another namespace's Service").isEqualTo("postgres");
        assertThat(names("basketball-api").rewrite("postgres")).isEqualTo("127.20.0.3");
    }

    @Test
    void insideTextOnlyWholeDottedNamesAreReplaced() {
        assertThat(fromPostgres.rewrite("postgresql://app@postgres.basketball-api.svc:5432/basketball"))
                .isEqualTo("postgresql://app@127.20.0.3:5432/basketball");
        assertThat(fromPostgres.rewrite("psql -h pal-e-postgres-rw.postgres.svc.cluster.local -U postgres postgres"))
                .isEqualTo("psql -h 127.20.0.2 -U postgres postgres");
        assertThat(fromPostgres.rewrite("my-postgres.basketball-api.svc.example.org"))
                .as("a longer name that merely contains a Service name").isEqualTo("my-postgres.basketball-api.svc.example.org");
        assertThat(fromPostgres.rewrite(null)).isNull();
    }

    private static ServiceNames names(String from) {
        ServiceNames names = new ServiceNames(from);
        names.add("postgres", "pal-e-postgres-rw", "127.20.0.2");
        names.add("basketball-api", "postgres", "127.20.0.3");
        return names;
    }
}
