package dev.rehome.core.spi;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.OperationFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs as child processes of this JVM. Secret environment goes only into the child's environment
 * ({@code /proc/PID/environ} is owner-only), never into argv ({@code /proc/PID/cmdline} is world-readable).
 * Inherited {@code PG*} variables are dropped, so a child connects only where its spec says, never with a
 * password the user exported for the other side. stderr is drained by a daemon thread into a bounded tail,
 * so a chatty child can never block on a full pipe. Thread-safe.
 */
public final class LocalCommandRunner implements CommandRunner {
    /** How much of stderr is kept for error messages. */
    public static final int STDERR_TAIL_BYTES = 8 * 1024;

    @Override
    public RunningCommand start(CommandSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG"));
        env.putAll(spec.env());
        spec.secretEnv().forEach((name, value) -> env.put(name, value.reveal()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandFailedException(spec.program(), describe(), 127, "cannot start: " + e.getMessage()
                    + (isPostgresClient(spec.program()) ? "; install the PostgreSQL client tools (pg_dump, pg_restore,"
                    + " psql; e.g. apt-get install postgresql-client) and put them on PATH" : ""));
        }
        return new LocalRunningCommand(spec.program(), process);
    }

    private static boolean isPostgresClient(String program) {
        return program.equals("pg_dump") || program.equals("pg_restore") || program.equals("psql");
    }

    @Override
    public String describe() {
        return "locally";
    }

    /** One child process; {@link #close()} kills it (and its children) if it still runs. */
    private static final class LocalRunningCommand implements RunningCommand {
        private final String program;
        private final Process process;
        private final StderrTail stderr;
        private final Thread drainer;

        LocalRunningCommand(String program, Process process) {
            this.program = program;
            this.process = process;
            this.stderr = new StderrTail(STDERR_TAIL_BYTES);
            this.drainer = new Thread(() -> stderr.drain(process.getErrorStream()),
                    "stderr-" + program + "-" + process.pid());
            drainer.setDaemon(true);
            drainer.start();
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
                    kill();
                    throw new OperationFailedException(program + " " + where() + " did not finish within " + timeout
                            + " and was killed");
                }
                // The child has exited; its stderr pipe reaches EOF promptly unless a grandchild keeps it open.
                drainer.join(2_000);
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new OperationFailedException(program + " " + where() + " was interrupted and killed", e);
            }
        }

        @Override
        public String stderrTail() {
            return stderr.text();
        }

        @Override
        public String where() {
            return "locally (pid " + process.pid() + ")";
        }

        @Override
        public void close() {
            // kill before closing stdin: a thread blocked writing into a full pipe holds stdin's lock, which
            // close() would wait for, and only the program's end releases it
            if (process.isAlive()) {
                kill();
            }
            closeQuietly(process.getOutputStream());
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
        }

        private void kill() {
            ProcessTree.kill(process);
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after the process died may fail; nothing is left to free
            }
        }
    }

    /** The last {@code capacity} bytes of a stream, kept in a ring buffer. */
    static final class StderrTail {
        private final byte[] ring;
        private long written;

        StderrTail(int capacity) {
            this.ring = new byte[capacity];
        }

        void drain(InputStream in) {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    append(buf, n);
                }
            } catch (IOException ignored) {
                // the stream closes when the process is killed; what we have is the tail
            }
        }

        synchronized void append(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                ring[(int) (written++ % ring.length)] = buf[i];
            }
        }

        synchronized String text() {
            int size = (int) Math.min(written, ring.length);
            byte[] out = new byte[size];
            long start = written - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((start + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
