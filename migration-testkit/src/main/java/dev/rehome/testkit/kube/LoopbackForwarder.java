package dev.rehome.testkit.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on one loopback address and port: each accepted connection is joined to wherever
 * {@code endpoint} points at that moment (the local port of the server playing a pod behind a Service), or closed
 * at once when no pod is behind it, as a Service without ready endpoints would refuse it.
 */
final class LoopbackForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackForwarder.class);

    private final ServerSocket listener;
    private final Supplier<Optional<InetSocketAddress>> endpoint;
    private final Thread acceptor;

    private LoopbackForwarder(ServerSocket listener, Supplier<Optional<InetSocketAddress>> endpoint) {
        this.listener = listener;
        this.endpoint = endpoint;
        this.acceptor = new Thread(this::acceptLoop, "service-forwarder-" + listener.getLocalSocketAddress());
        this.acceptor.setDaemon(true);
    }

    /** Listens on {@code address:port}; throws {@link IOException} when that is taken (e.g. by another JVM). */
    static LoopbackForwarder open(InetAddress address, int port, Supplier<Optional<InetSocketAddress>> endpoint)
            throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(address, port), 50);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        LoopbackForwarder forwarder = new LoopbackForwarder(socket, endpoint);
        forwarder.acceptor.start();
        return forwarder;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Optional<InetSocketAddress> to = endpoint.get();
                if (to.isEmpty()) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(to.get(), 5_000);
                } catch (IOException e) {
                    client.close();
                    upstream.close();
                    continue;
                }
                relay(client, upstream);
                relay(upstream, client);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.debug("forwarder {} accept failed: {}", listener.getLocalSocketAddress(), e.getMessage());
                }
            }
        }
    }

    private static void relay(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(to);
            }
            closeQuietly(from);
        }, "service-relay");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
