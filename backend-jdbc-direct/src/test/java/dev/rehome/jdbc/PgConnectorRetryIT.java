package dev.rehome.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.net.FaultyProxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection the network drops while it is set up (a port-forward opening its stream to the kubelet does that now
 * and then) is tried twice more; a refusal by the server is not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PgConnectorRetryIT {
    private static final Map<String, String> PLAIN = Map.of("sslmode", "disable");
    private static PostgresServer server;

    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        server.createLoginRole("retried", Secret.of("right-password"), "postgres");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConnectionDroppedWhileItIsSetUpIsTriedAgainAndWorks() throws Exception {
        try (FaultyProxy network = FaultyProxy.to(server.host(), server.port())) {
            network.cutAfter(4); // the first connection dies inside its startup packet; the cut is spent then
            PgConnector connector = new PgConnector("retry-test", pauses::add);

            try (Connection c = connector.open(login(network, "right-password"))) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(pauses).containsExactly(Duration.ofMillis(500));
        }
    }

    @Test
    void aConnectionThatKeepsBreakingFailsAfterThreeAttemptsNamingTheServer() {
        try (FaultyProxy network = FaultyProxy.to(server.host(), server.port())) {
            network.cutAfter(4);
            PgConnector connector = new PgConnector("retry-test", d -> {
                pauses.add(d);
                network.cutAfter(4);
            });

            assertThatThrownBy(() -> connector.open(login(network, "right-password")))
                    .isInstanceOf(UnreachableException.class).hasMessageContaining("cannot reach")
                    .hasMessageContaining(network.host() + ":" + network.port()).hasMessageNotContaining("right-password");
            assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1500));
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtOnceAndNeverTriedAgain() {
        PgConnector connector = new PgConnector("retry-test", pauses::add);
        DatabaseEndpoint wrong = DatabaseEndpoint.of(server.host(), server.port(), "postgres", "retried",
                Secret.of("wrong-password")).withOptions(PLAIN);

        assertThatThrownBy(() -> connector.open(wrong)).isInstanceOf(UnreachableException.class)
                .hasMessageContaining("refused");
        assertThat(pauses).as("a refusal is an answer, not a network blip").isEmpty();
    }

    private static DatabaseEndpoint login(FaultyProxy network, String password) {
        return DatabaseEndpoint.of(network.host(), network.port(), "postgres", "retried", Secret.of(password))
                .withOptions(PLAIN);
    }
}
