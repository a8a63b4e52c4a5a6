package dev.rehome.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.ErrorCode;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.MigrationException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TargetGuardIT {
    private static PostgresServer server;
    private final TargetGuard guard = new TargetGuard();

    @BeforeAll
    static void start() {
        server = PostgresServers.start(16);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsAMissingDatabaseWithLocaleCAndUtf8OwnedByTheOwner() {
        server.execute("postgres", "CREATE ROLE guard_owner NOLOGIN");

        assertThat(guard.prepare(server.endpoint("fresh db"), Optional.of("guard_owner"), false))
                .isEqualTo(TargetGuard.Outcome.CREATED);

        assertThat(IndependentComparison.query(server, "postgres", "SELECT datcollate || '/' || datctype || '/'"
                + " || pg_encoding_to_char(encoding) || '/' || datdba::regrole FROM pg_database WHERE datname = 'fresh db'"))
                .isEqualTo("C/C/UTF8/guard_owner");
    }

    @Test
    void acceptsAnExistingEmptyDatabaseAsItIs() {
        server.createDatabase("empty_one");

        assertThat(guard.prepare(server.endpoint("empty_one"), Optional.empty(), false)).isEqualTo(TargetGuard.Outcome.EMPTY);
    }

    @Test
    void refusesANonEmptyTargetNamingWhatItHoldsAndChangesNothing() {
        server.createDatabase("busy");
        server.execute("busy", "CREATE TABLE public.keep_me (id int); INSERT INTO public.keep_me VALUES (1), (2);"
                + " CREATE SCHEMA extra; CREATE FUNCTION extra.f() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        Map<String, String> before = IndependentComparison.fingerprint(server, "busy");
        String oidBefore = databaseOid("busy");

        assertThatThrownBy(() -> guard.prepare(server.endpoint("busy"), Optional.empty(), false))
                .isInstanceOf(RefusedException.class)
                .satisfies(e -> assertThat(((MigrationException) e).errorCode().exitCode()).isEqualTo(3))
                .hasMessageContaining("public.keep_me").hasMessageContaining("extra").hasMessageContaining("--clean");

        assertThat(IndependentComparison.fingerprint(server, "busy")).isEqualTo(before);
        assertThat(databaseOid("busy")).isEqualTo(oidBefore);
    }

    @Test
    void cleanDropsAndRecreatesOnlyTheNamedDatabase() {
        server.createDatabase("dirty");
        server.createDatabase("neighbour");
        server.execute("dirty", "CREATE TABLE public.old (id int)");
        server.execute("neighbour", "CREATE TABLE public.stays (id int)");

        assertThat(guard.prepare(server.endpoint("dirty"), Optional.empty(), true)).isEqualTo(TargetGuard.Outcome.RECREATED);

        assertThat(IndependentComparison.query(server, "dirty", "SELECT count(*) FROM pg_class WHERE relname = 'old'")).isEqualTo("0");
        assertThat(IndependentComparison.query(server, "dirty", "SELECT datcollate FROM pg_database WHERE datname = 'dirty'"))
                .isEqualTo("C");
        assertThat(IndependentComparison.query(server, "neighbour", "SELECT count(*) FROM public.stays")).isEqualTo("0");
    }

    @Test
    void refusesToCleanTheMaintenanceDatabase() {
        server.execute("postgres", "CREATE TABLE IF NOT EXISTS public.admin_stuff (id int)");

        assertThatThrownBy(() -> guard.prepare(server.endpoint("postgres"), Optional.empty(), true))
                .isInstanceOf(RefusedException.class).hasMessageContaining("maintenance database");
    }

    @Test
    void rejectsAnOwnerRoleTheServerDoesNotHave() {
        assertThatThrownBy(() -> guard.prepare(server.endpoint("for_ghost"), Optional.of("ghost"), false))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("ghost");
        assertThat(IndependentComparison.query(server, "postgres", "SELECT count(*) FROM pg_database WHERE datname = 'for_ghost'"))
                .isEqualTo("0");
    }

    @Test
    void wrongPasswordIsUnreachableInOneLineWithoutThePassword() {
        server.createLoginRole("guard_login", Secret.of("correct horse"), "postgres");
        DatabaseEndpoint wrong = DatabaseEndpoint.of(server.host(), server.port(), "x", "guard_login", Secret.of("s3cr3t-WRONG"));

        assertThatThrownBy(() -> guard.prepare(wrong, Optional.empty(), false))
                .isInstanceOf(UnreachableException.class)
                .satisfies(e -> assertThat(((MigrationException) e).errorCode()).isEqualTo(ErrorCode.UNREACHABLE))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("\n")
                        .contains("guard_login@127.0.0.1"));
    }

    @Test
    void unreachableServerIsExit4() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DatabaseEndpoint nowhere = DatabaseEndpoint.of("127.0.0.1", closedPort, "x", "postgres", Secret.empty());

        assertThatThrownBy(() -> guard.prepare(nowhere, Optional.empty(), false))
                .isInstanceOf(UnreachableException.class).hasMessageContaining("cannot reach")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static String databaseOid(String db) {
        return IndependentComparison.query(server, "postgres", "SELECT oid FROM pg_database WHERE datname = '" + db + "'");
    }
}
