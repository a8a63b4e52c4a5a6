package dev.rehome.testkit.kube;

import io.fabric8.mockwebserver.http.WebSocket;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Data frames a mock-server WebSocket delivers (exec stdin, port-forward upstream) for a local consumer thread,
 * queued without ever blocking the Vert.x event loop that delivers them. Blocking there stalls every other socket
 * of that loop and, worse, keeps the mock server from closing (its shutdown gives the loops 10 s): when the
 * consumer stops reading, the socket is paused instead (TCP back-pressure, as a full pipe in a kubelet) and
 * resumed when the consumer catches up; once the consumer is gone ({@link #end()}), frames are dropped and reading
 * resumes so the client's close frame still gets through. The pause reaches the Vert.x socket the mock wraps by
 * reflection; if that fails the queue only grows, which is still better than a blocked loop. Thread-safe.
 */
final class InboundFrames {
    static final byte[] END = new byte[0];
    private static final long HIGH_WATER = 4L << 20;
    private static final long LOW_WATER = 1L << 20;

    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Object readStream;
    private final Method pause;
    private final Method resume;
    private volatile boolean paused;
    private volatile boolean ended;

    InboundFrames(WebSocket socket) {
        Object stream = null;
        Method p = null;
        Method r = null;
        try {
            Field field = socket.getClass().getDeclaredField("webSocket");
            field.setAccessible(true);
            stream = field.get(socket);
            Class<?> readStreamType = Class.forName("io.vertx.core.streams.ReadStream");
            p = readStreamType.getMethod("pause");
            r = readStreamType.getMethod("resume");
        } catch (ReflectiveOperationException | RuntimeException e) {
            stream = null;
        }
        this.readStream = stream;
        this.pause = p;
        this.resume = r;
    }

    /** From the event loop: queues {@code data}, or drops it once the consumer is gone. Never blocks. */
    void offer(byte[] data) {
        if (ended) {
            return;
        }
        frames.add(data);
        if (queuedBytes.addAndGet(data.length) > HIGH_WATER && !paused) {
            paused = true;
            invoke(pause);
        }
    }

    /** From the consumer: the next frame, or {@link #END} once {@link #end()} was called. */
    byte[] take() throws InterruptedException {
        byte[] data = frames.take();
        if (queuedBytes.addAndGet(-data.length) < LOW_WATER && paused) {
            paused = false;
            invoke(resume);
        }
        return data;
    }

    /** No consumer any more (it finished, failed, or the peer left): drop what is queued and what comes. */
    void end() {
        ended = true;
        frames.clear();
        queuedBytes.set(0);
        frames.add(END);
        if (paused) {
            paused = false;
            invoke(resume);
        }
    }

    private void invoke(Method method) {
        if (readStream == null) {
            return;
        }
        try {
            method.invoke(readStream);
        } catch (ReflectiveOperationException e) {
            // without back-pressure the queue only grows; the loop still never blocks
        }
    }
}
