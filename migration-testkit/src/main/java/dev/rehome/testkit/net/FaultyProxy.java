package dev.rehome.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of one server, whose network a test breaks on purpose while a copy streams
 * through it (what Toxiproxy does, without Docker). Every accepted connection is relayed to {@code host:port} by
 * two threads, one per direction. At any time it can be switched to: {@link #pass()}; {@link #blackHole()}
 * (sockets stay open, nothing moves either way, as in a partition: no error, no end); {@link #blackHoleAfter} or
 * {@link #cutAfter} a number of bytes more (a cut closes every connection, as a reset network does; connections
 * made later pass); {@link #slow} (a delay before each chunk and a bandwidth cap). Bytes count in both
 * directions. Threads are daemons and end on {@link #close()}. Thread-safe.
 */
public final class FaultyProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final String host;
    private final int port;
    private final ServerSocket listener;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Conditions conditions = new Conditions();

    private FaultyProxy(String host, int port) throws IOException {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("faulty-proxy-accept-" + listener.getLocalPort(), this::acceptLoop);
    }

    /** A proxy on an ephemeral loopback port, passing everything to {@code host:port} until told otherwise. */
    public static FaultyProxy to(String host, int port) {
        try {
            return new FaultyProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Relays everything at full speed again; what a black hole held back moves on. */
    public void pass() {
        conditions.pass();
    }

    /** From now on nothing moves, either way; every socket stays open. */
    public void blackHole() {
        conditions.blackHole();
    }

    /** Relays {@code bytes} more, then black-holes. */
    public void blackHoleAfter(long bytes) {
        conditions.after(bytes, Conditions.Fault.BLACK_HOLE);
    }

    /** Relays {@code bytes} more, then closes every connection open at that moment. */
    public void cutAfter(long bytes) {
        conditions.after(bytes, Conditions.Fault.CUT);
    }

    /** Each chunk waits {@code delay} and is held to {@code bytesPerSecond} (per direction of each connection). */
    public void slow(Duration delay, long bytesPerSecond) {
        conditions.slow(delay, bytesPerSecond);
    }

    /** Bytes relayed so far, both directions, all connections. */
    public long bytesRelayed() {
        return conditions.relayed();
    }

    /** Connections open now. */
    public int connections() {
        return links.size();
    }

    @Override
    public void close() {
        conditions.close();
        closeQuietly(listener);
        links.forEach(Link::close);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(host, port);
                } catch (IOException e) {
                    closeQuietly(client); // as a refused connection looks to the client
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                daemon("faulty-proxy-up-" + client.getPort(), () -> relay(link, client, server));
                daemon("faulty-proxy-down-" + client.getPort(), () -> relay(link, server, client));
            } catch (IOException e) {
                // the listener closed: the proxy is closing
            }
        }
    }

    private void relay(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[CHUNK];
        try (link) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                int off = 0;
                while (off < n) {
                    int allowed = conditions.admit(n - off);
                    if (allowed < 0) {
                        return;
                    }
                    out.write(buffer, off, allowed);
                    off += allowed;
                    if (conditions.delivered(allowed)) {
                        cutAll();
                        return;
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side closed or the proxy is closing: the link closes both
        }
    }

    private void cutAll() {
        links.forEach(Link::close);
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort; the other side notices either way
        }
    }

    /** One relayed connection: closing it closes both sockets, which ends both of its threads. */
    private final class Link implements AutoCloseable {
        private final Socket client;
        private final Socket server;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        @Override
        public void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}
