package dev.rehome.kubectl.exec;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one program's stdout into another's stdin through this process, e.g. {@code pg_dump -Fc} in the source
 * pod into {@code pg_restore} on the target side, and checks both exit codes: a pipe only succeeds if both ends
 * did. Memory is one copy buffer.
 *
 * <p>The restore side must end when its stdin closes. Pod exec does not (v4 has no end-of-stdin); give this pipe a
 * {@link SpooledUploadCommandRunner} around the target pod's exec runner, or a local runner whose client reaches the
 * target through a port-forward. Dumping out of a pod through exec stdout is safe as is.
 */
public final class PodToPodPipe {
    private static final Logger LOG = LoggerFactory.getLogger(PodToPodPipe.class);
    private static final int BUFFER = 64 * 1024;

    private final CommandRunner dumpSide;
    private final CommandRunner restoreSide;
    private final Clock clock;
    private final Duration timeout;

    public PodToPodPipe(CommandRunner dumpSide, CommandRunner restoreSide, Clock clock, Duration timeout) {
        this.dumpSide = Objects.requireNonNull(dumpSide, "dumpSide");
        this.restoreSide = Objects.requireNonNull(restoreSide, "restoreSide");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Runs {@code dump | restore}; throws {@link CommandFailedException} naming the side that failed. */
    public PipeResult run(CommandSpec dump, CommandSpec restore) {
        return run(dump, restore, bytes -> { });
    }

    /** As {@link #run(CommandSpec, CommandSpec)}, reporting the bytes moved so far to {@code progress}. */
    @SuppressWarnings("try") // the dump side is closed early on purpose when the restore side breaks
    public PipeResult run(CommandSpec dump, CommandSpec restore, LongConsumer progress) {
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        try (RunningCommand source = dumpSide.start(dump); RunningCommand sink = restoreSide.start(restore)) {
            closeQuietly(source.stdin());
            Thread sinkOutput = drain(sink, restore.program());
            long bytes = -1;
            IOException copyFailure = null;
            boolean sinkBroke = false;
            try {
                bytes = copy(source.stdout(), sink.stdin(), progress);
            } catch (SinkWriteException e) {
                copyFailure = e.getCause();
                sinkBroke = true;
                source.close();
            } catch (IOException e) {
                copyFailure = e;
                closeQuietly(sink.stdin());
            }
            int sourceExit = source.waitFor(remaining(deadline));
            int sinkExit = sink.waitFor(remaining(deadline));
            join(sinkOutput);
            // Blame the end that broke first: a dead restore makes the dump fail too, and vice versa.
            if (sinkBroke && sinkExit != 0) {
                throw new CommandFailedException(restore.program(), sink.where(), sinkExit, sink.stderrTail());
            }
            if (sourceExit != 0) {
                throw new CommandFailedException(dump.program(), source.where(), sourceExit, source.stderrTail());
            }
            if (sinkExit != 0) {
                throw new CommandFailedException(restore.program(), sink.where(), sinkExit, sink.stderrTail());
            }
            if (copyFailure != null) {
                throw new OperationFailedException("the stream from " + dump.program() + " " + source.where()
                        + " to " + restore.program() + " " + sink.where() + " broke: " + copyFailure.getMessage(),
                        copyFailure);
            }
            Duration took = Duration.between(started, clock.instant());
            LOG.info("piped {} bytes from {} {} to {} {} in {}", bytes, dump.program(), source.where(),
                    restore.program(), sink.where(), took);
            return new PipeResult(bytes, took);
        }
    }

    private static long copy(InputStream from, OutputStream to, LongConsumer progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                try {
                    to.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new SinkWriteException(e);
                }
                total += n;
                progress.accept(total);
            }
        }
        try {
            to.close();
        } catch (IOException e) {
            throw new SinkWriteException(e);
        }
        return total;
    }

    /** Writing to the restore side failed, as opposed to reading from the dump side. */
    private static final class SinkWriteException extends IOException {
        SinkWriteException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** The restore side's stdout must be read, or exec delivers no exit status; it is only logged. */
    private static Thread drain(RunningCommand sink, String program) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream out = sink.stdout()) {
                while (out.read(buffer) >= 0) {
                    // discarded: pg_restore and psql report problems on stderr
                }
            } catch (IOException e) {
                LOG.debug("stdout of {} ended: {}", program, e.getMessage());
            }
        }, "pipe-drain-" + program);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // the other end is gone already; its exit code tells why
        }
    }
}
