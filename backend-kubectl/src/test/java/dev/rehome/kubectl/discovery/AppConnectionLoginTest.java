package dev.rehome.kubectl.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cutover.SourceLogins;
import dev.rehome.kubectl.retry.KubeRetry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AppConnectionLoginTest {
    private static final NamespacedName APP = NamespacedName.parse("basketball-api/basketball-api");
    private static final String ENV = "BASKETBALL_DATABASE_URL";
    private MockCluster cluster;
    private SourceDatabase source;

    @BeforeEach
    void seed() {
        cluster = MockCluster.seeded();
        source = new SourceDiscovery(cluster.client(), ServerVersionProbe.none(), KubeRetry.none())
                .discover(NamespacedName.parse("basketball-api/postgres"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void theAppsUrlOnTheSourceServiceNamesItsLoginAndWhereItCameFromButNeverShowsThePassword() {
        SourceLogin login = read().orElseThrow();

        assertThat(login.role()).isEqualTo("basketball");
        assertThat(login.password().reveal()).isEqualTo("sandbox-basketball-pw");
        assertThat(login.origin()).contains(ENV, "Secret basketball-api/basketball-api-secrets key database-url");
        assertThat(login.toString()).doesNotContain("sandbox-basketball-pw");
    }

    @Test
    void aSeparateAppRoleInADriverQualifiedUrlIsTheRoleToFenceAndItsLoginJoinsTheSourcesOwn() {
        url("postgresql+asyncpg://app_rw:p%40ss+word@postgres.basketball-api.svc:5432/basketball");
        SourceLogins logins = new SourceLogins(() -> source, new AppConnectionLogin(cluster.client()), APP,
                "basketball-api", ENV);

        assertThat(logins.appRole()).isEqualTo("app_rw");
        assertThat(logins.all()).extracting(SourceLogin::role).containsExactly(source.credentials().user(), "app_rw");
        assertThat(logins.all().get(1).password().reveal()).isEqualTo("p@ss+word");
    }

    @Test
    void theSameRoleAsTheSourceLoginIsNotAddedTwice() {
        SourceLogins logins = new SourceLogins(() -> source, new AppConnectionLogin(cluster.client()), APP,
                "basketball-api", ENV);

        assertThat(logins.appRole()).isEqualTo(source.credentials().user());
        assertThat(logins.all()).extracting(SourceLogin::role).doesNotHaveDuplicates();
    }

    @Test
    void aUrlToAnotherHostOrNamespaceOrNoUrlAtAllSaysNothingAboutTheSource() {
        url("postgresql://basketball:x@pal-e-postgres-rw.postgres.svc:5432/basketball");
        assertThat(read()).isEmpty();
        url("postgresql://basketball:x@postgres.other-namespace:5432/basketball");
        assertThat(read()).isEmpty();
        url("not a url at all");
        assertThat(read()).isEmpty();
        assertThat(new AppConnectionLogin(cluster.client()).read(APP, "basketball-api", "NO_SUCH_VAR", source)).isEmpty();

        SourceLogins logins = new SourceLogins(() -> source, new AppConnectionLogin(cluster.client()), APP,
                "basketball-api", ENV);
        assertThat(logins.appRole()).as("the source container's login").isEqualTo(source.credentials().user());
    }

    private Optional<SourceLogin> read() {
        return new AppConnectionLogin(cluster.client()).read(APP, "basketball-api", ENV, source);
    }

    private void url(String url) {
        cluster.client().secrets().inNamespace("basketball-api").withName("basketball-api-secrets")
                .edit(s -> {
                    s.getData().put("database-url",
                            Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8)));
                    return s;
                });
    }
}
