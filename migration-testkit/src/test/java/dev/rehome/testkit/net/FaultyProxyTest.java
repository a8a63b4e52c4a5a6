package dev.rehome.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy against a loopback echo server: what goes through, what is held back, what is cut. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultyProxyTest {
    private final ServerSocket echo = echoServer();
    private final FaultyProxy proxy = FaultyProxy.to("127.0.0.1", echo.getLocalPort());

    @AfterEach
    void close() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passesBytesBothWaysAndCountsThem() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("hello".getBytes());
            assertThat(readExactly(s.getInputStream(), 5)).isEqualTo("hello".getBytes());
        }
        assertThat(proxy.bytesRelayed()).isEqualTo(10);
    }

    @Test
    void aBlackHoleKeepsTheConnectionOpenAndSilentUntilTheNetworkHeals() throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout(300);
            proxy.blackHole();
            s.getOutputStream().write("lost?".getBytes());
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.connections()).isEqualTo(1);

            proxy.pass();
            s.setSoTimeout(5000);
            assertThat(readExactly(s.getInputStream(), 5)).isEqualTo("lost?".getBytes());
        }
    }

    @Test
    void aBlackHoleAfterSomeBytesLetsExactlyThoseThrough() throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout(300);
            proxy.blackHoleAfter(9); // 6 bytes out, the first 3 of their echo back
            s.getOutputStream().write("abcdef".getBytes());
            assertThat(readExactly(s.getInputStream(), 3)).isEqualTo("abc".getBytes());
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aCutClosesTheConnectionAfterTheBudgetAndLaterConnectionsPass() throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout(5000);
            proxy.cutAfter(4);
            s.getOutputStream().write("abcdefgh".getBytes());
            InputStream in = s.getInputStream();
            int got = 0;
            try {
                while (in.read() >= 0) {
                    got++;
                }
            } catch (IOException reset) {
                // a reset is a cut too
            }
            assertThat(got).isLessThanOrEqualTo(4);
        }
        try (Socket again = connect()) {
            again.getOutputStream().write("ok".getBytes());
            assertThat(readExactly(again.getInputStream(), 2)).isEqualTo("ok".getBytes());
        }
    }

    @Test
    void aSlowNetworkDeliversEverythingLate() throws IOException {
        proxy.slow(Duration.ofMillis(20), 100_000);
        byte[] data = new byte[20_000];
        long start = System.nanoTime();
        try (Socket s = connect()) {
            s.getOutputStream().write(data);
            assertThat(readExactly(s.getInputStream(), data.length)).isEqualTo(data);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private Socket connect() throws IOException {
        return new Socket(proxy.host(), proxy.port());
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] out = in.readNBytes(n);
        assertThat(out).hasSize(n);
        return out;
    }

    private static ServerSocket echoServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread echo = new Thread(() -> {
                            try (s) {
                                s.getInputStream().transferTo(s.getOutputStream());
                            } catch (IOException ignored) {
                                // the client went away
                            }
                        });
                        echo.setDaemon(true);
                        echo.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
