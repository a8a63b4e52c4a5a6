package dev.rehome.jdbc.copy.internal;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs on this machine. Secrets go into the child's environment only, never argv. stderr is drained by
 * a daemon thread into a bounded tail, so a chatty program never blocks on a full pipe. Thread-safe.
 */
public final class LocalCommandRunner implements CommandRunner {
    private static final int STDERR_TAIL_BYTES = 4096;

    @Override
    public RunningCommand start(CommandSpec spec) {
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
        pb.environment().putAll(spec.env());
        spec.secretEnv().forEach((k, v) -> pb.environment().put(k, v.reveal()));
        try {
            return new LocalProcess(pb.start());
        } catch (IOException e) {
            throw new CommandFailedException(spec.program(), "locally", -1, "cannot start: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "locally";
    }

    private static final class LocalProcess implements RunningCommand {
        private final Process process;
        private final byte[] tail = new byte[STDERR_TAIL_BYTES];
        private final Thread stderrDrain;
        private int tailLength;

        LocalProcess(Process process) {
            this.process = process;
            this.stderrDrain = new Thread(this::drainStderr, "stderr-" + process.pid());
            stderrDrain.setDaemon(true);
            stderrDrain.start();
        }

        private void drainStderr() {
            byte[] buf = new byte[1024];
            try (InputStream err = process.getErrorStream()) {
                int n;
                while ((n = err.read(buf)) > 0) {
                    append(buf, n);
                }
            } catch (IOException e) {
                // the process went away; what we have is the tail
            }
        }

        private synchronized void append(byte[] buf, int n) {
            if (n >= tail.length) {
                System.arraycopy(buf, n - tail.length, tail, 0, tail.length);
                tailLength = tail.length;
                return;
            }
            int keep = Math.min(tailLength, tail.length - n);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(buf, 0, tail, keep, n);
            tailLength = keep + n;
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public int waitFor(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new OperationFailedException("process " + process.pid() + " did not finish within " + timeout);
                }
                stderrDrain.join(TimeUnit.SECONDS.toMillis(5));
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new OperationFailedException("interrupted while waiting for process " + process.pid(), e);
            }
        }

        @Override
        public synchronized String stderrTail() {
            return new String(tail, 0, tailLength, StandardCharsets.UTF_8);
        }

        @Override
        public String where() {
            return "locally";
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            try {
                process.getOutputStream().close();
                process.getInputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
