package dev.rehome.testkit.kube;

import dev.rehome.core.spi.ProcessTree;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code pods/NAME/exec} call answered the way a kubelet does over {@code v4.channel.k8s.io}: the
 * {@code command} arguments run as a local process in the pod's {@link PodEnvironment}; its stdout goes out on
 * channel 1 and stderr on channel 2, channel 0 feeds its stdin, and when it has exited and both outputs are sent, a
 * {@code Status} on channel 3 carries the exit code before the socket closes. Like v4, nothing can tell the process
 * that stdin ended: closing the client's input stream sends nothing.
 *
 * <p>Nothing here runs on the mock server's Vert.x event loop for longer than a queue insert: the process starts
 * on a thread of its own, and stdin frames wait in {@link InboundFrames}, which pauses the socket instead of
 * blocking the loop when the process does not read. A blocked loop stalls that loop's other sockets and keeps the
 * mock server from closing within its 10 s.
 */
final class ExecSession extends WebSocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(ExecSession.class);
    private static final int CHUNK = 32 * 1024;

    private final PodSubresourceRequest request;
    private final PodEnvironment environment;
    private final SessionRegistry registry;
    private volatile InboundFrames stdinFrames;
    private volatile ChannelWriter writer;
    private volatile Process process;

    ExecSession(PodSubresourceRequest request, PodEnvironment environment, SessionRegistry registry) {
        this.request = request;
        this.environment = environment;
        this.registry = registry;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        writer = new ChannelWriter(webSocket);
        stdinFrames = new InboundFrames(webSocket);
        registry.opened(writer);
        // Starting a process forks this JVM: seconds on a loaded machine, too long for the event loop.
        daemon("start", this::start);
    }

    private void start() {
        List<String> command = request.all("command");
        ProcessBuilder builder = new ProcessBuilder(command);
        // A pod sees only its own libpq settings, never the developer's exported PGPASSWORD or PGHOST.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().putAll(environment.env());
        environment.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        if (!request.flag("stdout")) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        if (!request.flag("stderr")) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            stdinFrames.end();
            sendStatusAndClose(StatusJson.cannotStart(command.isEmpty() ? "" : command.get(0), e.getMessage()));
            return;
        }
        registry.register(process);
        if (writer.isClosed()) {
            // the client left while the process was starting
            destroy(process);
        }
        LOG.debug("exec in pod {}: {}", request.podKey(), command);
        CountDownLatch outputsSent = new CountDownLatch(2);
        pump("stdout", request.flag("stdout") ? process.getInputStream() : null, 1, outputsSent);
        pump("stderr", request.flag("stderr") ? process.getErrorStream() : null, 2, outputsSent);
        if (request.flag("stdin")) {
            daemon("stdin", this::feedStdin);
        } else {
            stdinFrames.end();
            closeQuietly(process.getOutputStream());
        }
        daemon("exit", () -> reportExit(outputsSent));
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != 0) {
            return;
        }
        byte[] data = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, data, 0, data.length);
        // Queued for the stdin feeder even before the process has started; never blocks the event loop.
        stdinFrames.offer(data);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        peerGone();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        peerGone();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
        peerGone();
    }

    /** The client hung up: the process's pipes break, as they would when kubelet's stream goes away. */
    private void peerGone() {
        ChannelWriter w = writer;
        if (w != null) {
            w.markClosed();
            registry.closed(w);
        }
        InboundFrames in = stdinFrames;
        if (in != null) {
            in.end();
        }
        Process p = process;
        if (p != null) {
            closeQuietly(p.getInputStream());
            closeQuietly(p.getErrorStream());
        }
    }

    private void pump(String name, InputStream in, int channel, CountDownLatch done) {
        if (in == null) {
            done.countDown();
            return;
        }
        daemon(name, () -> {
            byte[] buffer = new byte[CHUNK];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (n > 0 && !writer.send(channel, buffer, 0, n)) {
                        break;
                    }
                }
            } catch (IOException e) {
                LOG.debug("{} of exec in {} ended: {}", name, request.podKey(), e.getMessage());
            } finally {
                done.countDown();
            }
        });
    }

    private void feedStdin() {
        try (OutputStream stdin = process.getOutputStream()) {
            while (true) {
                byte[] data = stdinFrames.take();
                if (data == InboundFrames.END) {
                    return;
                }
                stdin.write(data);
                stdin.flush();
            }
        } catch (IOException e) {
            LOG.debug("stdin of exec in {} closed: {}", request.podKey(), e.getMessage());
            stdinFrames.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportExit(CountDownLatch outputsSent) {
        try {
            int code = process.waitFor();
            outputsSent.await();
            stdinFrames.end();
            sendStatusAndClose(code == 0 ? StatusJson.success() : StatusJson.nonZeroExit(code));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            registry.unregister(process);
        }
    }

    private void sendStatusAndClose(String statusJson) {
        if (!writer.isClosed()) {
            writer.send(3, statusJson.getBytes(StandardCharsets.UTF_8));
            writer.close(1000, "");
        }
        registry.closed(writer);
    }

    private static void destroy(Process p) {
        ProcessTree.kill(p);
    }

    private void daemon(String name, Runnable body) {
        Thread t = new Thread(body, "exec-" + request.pod() + "-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the stream is gone either way
        }
    }

}
