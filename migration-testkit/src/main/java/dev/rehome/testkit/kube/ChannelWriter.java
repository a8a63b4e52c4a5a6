package dev.rehome.testkit.kube;

import io.fabric8.mockwebserver.http.WebSocket;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends Kubernetes channel frames (one leading channel byte, then data) on a mock-server WebSocket, waiting while
 * the socket's write queue is full. The mock server's WebSocket queues without limit; without this wait a fast
 * process (400 MB of {@code /dev/zero}) would pile its whole output into this JVM's heap while the client reads
 * slowly. The queue state is read through the Vert.x socket the mock wraps; if that cannot be reached the writer
 * still works, only without back-pressure.
 */
final class ChannelWriter {
    private static final long PAUSE_NANOS = 200_000;

    private final WebSocket socket;
    private final Object vertxSocket;
    private final Method writeQueueFull;
    private volatile boolean closed;

    ChannelWriter(WebSocket socket) {
        this.socket = socket;
        Object found = null;
        Method full = null;
        try {
            Field field = socket.getClass().getDeclaredField("webSocket");
            field.setAccessible(true);
            found = field.get(socket);
            full = Class.forName("io.vertx.core.streams.WriteStream").getMethod("writeQueueFull");
        } catch (ReflectiveOperationException | RuntimeException e) {
            found = null;
            full = null;
        }
        this.vertxSocket = found;
        this.writeQueueFull = full;
    }

    /** Sends {@code len} bytes of {@code data} on {@code channel}; false once the socket is gone. */
    synchronized boolean send(int channel, byte[] data, int off, int len) {
        byte[] frame = new byte[len + 1];
        frame[0] = (byte) channel;
        System.arraycopy(data, off, frame, 1, len);
        awaitRoom();
        return !closed && socket.send(frame);
    }

    boolean send(int channel, byte[] data) {
        return send(channel, data, 0, data.length);
    }

    void close(int code, String reason) {
        closed = true;
        socket.close(code, reason);
    }

    /** The peer went away: stop waiting for room that will never come. */
    void markClosed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    private void awaitRoom() {
        while (!closed && queueFull()) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private boolean queueFull() {
        if (vertxSocket == null) {
            return false;
        }
        try {
            return (Boolean) writeQueueFull.invoke(vertxSocket);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
