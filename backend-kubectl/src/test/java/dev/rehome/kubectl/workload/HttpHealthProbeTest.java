package dev.rehome.kubectl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rehome.core.OperationFailedException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.retry.Poller;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpHealthProbeTest {
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int healthyAfter = 3;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            int status = calls.incrementAndGet() >= healthyAfter ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI health() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    @Test
    void waitsUntilTheAppAnswers200() {
        FakeClock clock = new FakeClock(Instant.EPOCH);
        var probe = new HttpHealthProbe(HttpClient.newHttpClient(), new Poller(clock, clock.sleeper(), Duration.ofSeconds(5)));

        assertThat(probe.awaitStatus(health(), 200, Duration.ofMinutes(1))).isEqualTo(200);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void failsWhenTheAppStaysUnhealthy() {
        healthyAfter = Integer.MAX_VALUE;
        FakeClock clock = new FakeClock(Instant.EPOCH);
        var probe = new HttpHealthProbe(HttpClient.newHttpClient(), new Poller(clock, clock.sleeper(), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> probe.awaitStatus(health(), 200, Duration.ofSeconds(20)))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("/health");
    }
}
