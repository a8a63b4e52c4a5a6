package dev.rehome.kubectl.exec;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.RunningCommand;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command started through pod exec. Its stderr is drained by a thread into a bounded tail at once, because
 * fabric8 delivers no further frames (stdout, exit status) while a redirected stream sits unread. The exit status
 * arrives only after stdout has been read to its end or closed.
 */
final class PodExecCommand implements RunningCommand {
    static final int STDERR_TAIL_BYTES = 8 * 1024;

    private final ExecWatch watch;
    private final String program;
    private final String where;
    private final ByteTail stderr = new ByteTail(STDERR_TAIL_BYTES);
    private final Thread stderrDrain;
    private final InputStream stdout;
    private final OutputStream stdin;

    PodExecCommand(ExecWatch watch, String program, String where) {
        this.watch = watch;
        this.program = program;
        this.where = where;
        this.stdout = new ExecStdout(watch.getOutput());
        this.stdin = new ChunkingOutputStream(watch.getInput());
        this.stderrDrain = new Thread(this::drainStderr, "exec-stderr-" + program);
        stderrDrain.setDaemon(true);
        stderrDrain.start();
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public int waitFor(Duration timeout) {
        Integer code;
        try {
            code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new OperationFailedException(program + " " + where + " did not finish within " + timeout
                    + "; it was stopped (a command that waits for end of stdin never ends over pod exec)");
        } catch (ExecutionException e) {
            stderr.write("\n[exec stream failed: " + e.getCause().getMessage() + "]");
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new OperationFailedException("interrupted while waiting for " + program + " " + where);
        }
        awaitStderr();
        if (code == null) {
            stderr.write("\n[the exec stream closed without an exit status]");
            return -1;
        }
        return code;
    }

    @Override
    public String stderrTail() {
        return stderr.toString();
    }

    @Override
    public String where() {
        return where;
    }

    /**
     * Closes the exec stream. The remote program is not signalled (exec has no kill); it ends when its output
     * pipe breaks or its input ends, as with {@code kubectl exec} after Ctrl-C.
     */
    @Override
    public void close() {
        watch.close();
    }

    private void drainStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = watch.getError()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                stderr.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the stream ends with the exec session
        }
    }

    private void awaitStderr() {
        try {
            stderrDrain.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
