package dev.rehome.testkit.kube;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code pods/NAME/portforward?ports=P} connection answered the way a kubelet does over
 * {@code portforward.k8s.io}: the server opens a data channel (0) and an error channel (1), each with the port as
 * two little-endian bytes, then relays channel 0 to a TCP connection to where the pod's port really listens.
 * Connecting and relaying run on threads of their own and upstream frames wait in {@link InboundFrames}, so the
 * mock server's Vert.x event loop is never blocked (a blocked loop keeps the server from closing).
 */
final class PortForwardSession extends WebSocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(PortForwardSession.class);

    private final PodSubresourceRequest request;
    private final PodEnvironment environment;
    private final SessionRegistry registry;
    private volatile InboundFrames toTarget;
    private volatile ChannelWriter writer;
    private volatile Socket target;

    PortForwardSession(PodSubresourceRequest request, PodEnvironment environment, SessionRegistry registry) {
        this.request = request;
        this.environment = environment;
        this.registry = registry;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        writer = new ChannelWriter(webSocket);
        toTarget = new InboundFrames(webSocket);
        registry.opened(writer);
        daemon("open", this::open);
    }

    /** Announces the port on both channels and connects to where the pod's port listens; off the event loop. */
    private void open() {
        int port = request.first("ports").map(Integer::parseInt).orElse(-1);
        byte[] portBytes = {(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)};
        writer.send(0, portBytes);
        writer.send(1, portBytes);
        InetSocketAddress address = environment.ports().get(port);
        if (address == null) {
            fail("pod " + request.podKey() + " does not listen on port " + port);
            return;
        }
        try {
            target = new Socket(address.getAddress(), address.getPort());
            if (writer.isClosed()) {
                shutDown(); // the client left while we connected
                return;
            }
        } catch (IOException e) {
            fail("cannot reach port " + port + " of pod " + request.podKey() + ": " + e.getMessage());
            return;
        }
        daemon("from-pod", this::relayFromTarget);
        daemon("to-pod", this::relayToTarget);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != 0) {
            return;
        }
        byte[] data = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, data, 0, data.length);
        toTarget.offer(data);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        shutDown();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        shutDown();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
        shutDown();
    }

    private void relayFromTarget() {
        byte[] buffer = new byte[32 * 1024];
        try (InputStream in = target.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && !writer.send(0, buffer, 0, n)) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.debug("port-forward to {} ended: {}", request.podKey(), e.getMessage());
        } finally {
            writer.close(1000, "");
            shutDown();
        }
    }

    private void relayToTarget() {
        try {
            OutputStream out = target.getOutputStream();
            while (true) {
                byte[] data = toTarget.take();
                if (data == InboundFrames.END) {
                    return;
                }
                out.write(data);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("port-forward from {} ended: {}", request.podKey(), e.getMessage());
            toTarget.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String message) {
        writer.send(1, message.getBytes(StandardCharsets.UTF_8));
        writer.close(1000, "");
        shutDown();
    }

    private void shutDown() {
        ChannelWriter w = writer;
        if (w != null) {
            w.markClosed();
            registry.closed(w);
        }
        InboundFrames frames = toTarget;
        if (frames != null) {
            frames.end();
        }
        Socket s = target;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing either way
            }
        }
    }

    private void daemon(String name, Runnable body) {
        Thread t = new Thread(body, "portforward-" + request.pod() + "-" + name);
        t.setDaemon(true);
        t.start();
    }
}
