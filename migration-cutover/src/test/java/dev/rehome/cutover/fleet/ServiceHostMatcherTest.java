package dev.rehome.cutover.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceHostMatcherTest {
    private final ServiceHostMatcher matcher = new ServiceHostMatcher("postgres", "mcd-tracker");

    @Test
    void matchesEveryFormOfTheServiceHostName() {
        assertThat(matcher.match("postgres")).contains(AppReference.Style.HOST);
        assertThat(matcher.match("postgres.mcd-tracker:5432")).contains(AppReference.Style.HOST);
        assertThat(matcher.match("postgres.mcd-tracker.svc.cluster.local")).contains(AppReference.Style.HOST);
        assertThat(matcher.match("postgresql://u:p@postgres.mcd-tracker.svc:5432/db")).contains(AppReference.Style.URL);
        assertThat(matcher.match("jdbc:postgresql://postgres/db")).contains(AppReference.Style.URL);
    }

    @Test
    void ignoresOtherHostsAndLookalikes() {
        assertThat(matcher.match("postgres.other-ns")).isEmpty();
        assertThat(matcher.match("postgresql://u@postgres-replica:5432/db")).isEmpty();
        assertThat(matcher.match("mcd_tracker")).isEmpty();
        assertThat(matcher.match("")).isEmpty();
    }

    @Test
    void derivesRoleNamesThatNeedNoQuoting() {
        assertThat(RoleNames.fromNamespace("pal-e-mail")).isEqualTo("pal_e_mail");
        assertThat(RoleNames.fromNamespace("9lives")).isEqualTo("r_9lives");
        assertThat(RoleNames.valid(RoleNames.fromNamespace("A.B-c"))).isTrue();
    }
}
