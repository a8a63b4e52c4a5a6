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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code pods/NAME/portforward?ports=P} connection answered the way a kubelet does over
 * {@code portforward.k8s.io}: the server opens a data channel (0) and an error channel (1), each with the port as
 * two little-endian bytes, then relays channel 0 to a TCP connection to where the pod's port really listens.
 */
final class PortForwardSession extends WebSocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(PortForwardSession.class);
    private static final byte[] END = new byte[0];

    private final PodSubresourceRequest request;
    private final PodEnvironment environment;
    private final BlockingQueue<byte[]> toTarget = new ArrayBlockingQueue<>(64);
    private volatile ChannelWriter writer;
    private volatile Socket target;

    PortForwardSession(PodSubresourceRequest request, PodEnvironment environment) {
        this.request = request;
        this.environment = environment;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        writer = new ChannelWriter(webSocket);
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
        try {
            toTarget.put(data);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
                if (data == END) {
                    return;
                }
                out.write(data);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("port-forward from {} ended: {}", request.podKey(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String message) {
        writer.send(1, message.getBytes(StandardCharsets.UTF_8));
        writer.close(1000, "");
    }

    private void shutDown() {
        ChannelWriter w = writer;
        if (w != null) {
            w.markClosed();
        }
        if (!toTarget.offer(END)) {
            toTarget.clear();
            toTarget.offer(END);
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
