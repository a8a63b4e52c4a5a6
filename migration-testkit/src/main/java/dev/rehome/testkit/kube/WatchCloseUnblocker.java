package dev.rehome.testkit.kube;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Breaks a deadlock inside fabric8's mock API server (8.0.0), which stalled whole test runs. When a client closes a
 * watch, the server's one event loop runs {@code WatchEventsListener.onClosed}, which waits up to a minute for the
 * watch's sender thread to finish; a sender in the middle of an event waits (up to 30 s, in
 * {@code VertxMockWebSocket.awaitWrite}) for its write to complete, which only that event loop can do. Meanwhile
 * every other request, exec and port-forward of the cluster waits, and clients time out after 10 s. The sender of
 * a closed watch has nothing left to deliver, so when the event loop is seen waiting in {@code onClosed} the
 * senders blocked in {@code awaitWrite} are interrupted: the mock treats that as a failed write and ends, and the
 * event loop goes on. Checked a few times a second on a daemon thread; nothing else is touched.
 */
final class WatchCloseUnblocker implements AutoCloseable {
    private static final String CLOSING = "io.fabric8.kubernetes.client.server.mock.WatchEventsListener";
    private static final String WRITING = "io.fabric8.mockwebserver.vertx.VertxMockWebSocket";

    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rehome-watch-close-unblocker");
        t.setDaemon(true);
        return t;
    });

    WatchCloseUnblocker() {
        checker.scheduleWithFixedDelay(this::check, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void check() {
        Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
        boolean closing = threads.values().stream().anyMatch(s -> runs(s, CLOSING, "onClosed"));
        if (closing) {
            threads.forEach((thread, stack) -> {
                if (runs(stack, WRITING, "awaitWrite")) {
                    thread.interrupt();
                }
            });
        }
    }

    private static boolean runs(StackTraceElement[] stack, String type, String method) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().equals(type) && e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
