package dev.rehome.kubectl.exec;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One command of a {@link SpooledUploadCommandRunner}: spooling until stdin closes, then running remotely. */
final class SpooledUpload implements RunningCommand {
    private final CommandRunner podRunner;
    private final CommandSpec spec;
    private final Path spool;
    private final OutputStream stdin;
    private final CompletableFuture<RunningCommand> remote = new CompletableFuture<>();
    private final CompletableFuture<Void> uploaded = new CompletableFuture<>();

    SpooledUpload(CommandRunner podRunner, CommandSpec spec, Path spool) throws IOException {
        this.podRunner = podRunner;
        this.spec = spec;
        this.spool = spool;
        this.stdin = new FilterOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    super.close();
                    startRemote();
                }
            }
        };
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return started().stdout().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return started().stdout().read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (remote.isDone() && !remote.isCompletedExceptionally()) {
                    remote.join().stdout().close();
                }
            }
        };
    }

    @Override
    public int waitFor(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RunningCommand command;
        try {
            command = remote.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new OperationFailedException(spec.program() + " " + where() + " did not start within " + timeout
                    + ": its input was never closed");
        } catch (ExecutionException e) {
            throw new OperationFailedException("cannot start " + spec.program() + " " + where() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("interrupted while waiting for " + spec.program());
        }
        int code = command.waitFor(remaining(deadline));
        // A program that failed early breaks the upload; its exit code and stderr say more than the broken pipe.
        if (code == 0) {
            try {
                uploaded.get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new OperationFailedException("uploading the input of " + spec.program() + " " + where()
                        + " failed although it exited 0: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException("interrupted while uploading to " + spec.program());
            }
        }
        return code;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    @Override
    public String stderrTail() {
        return remote.isDone() && !remote.isCompletedExceptionally() ? remote.join().stderrTail() : "";
    }

    @Override
    public String where() {
        return podRunner.describe();
    }

    @Override
    public void close() {
        if (remote.isDone() && !remote.isCompletedExceptionally()) {
            remote.join().close();
        } else {
            remote.completeExceptionally(new IOException("closed before its input was complete"));
        }
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spool file " + spool, e);
        }
    }

    private RunningCommand started() throws IOException {
        try {
            return remote.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    private void startRemote() throws IOException {
        long length = Files.size(spool);
        RunningCommand command;
        try {
            command = podRunner.start(PodShellCommands.readingExactly(length, spec));
        } catch (RuntimeException e) {
            remote.completeExceptionally(e);
            throw e;
        }
        remote.complete(command);
        Thread upload = new Thread(() -> upload(command), "upload-" + spec.program());
        upload.setDaemon(true);
        upload.start();
    }

    private void upload(RunningCommand command) {
        try (InputStream in = Files.newInputStream(spool); OutputStream out = command.stdin()) {
            in.transferTo(out);
            uploaded.complete(null);
        } catch (IOException | RuntimeException e) {
            uploaded.completeExceptionally(e);
        }
    }
}
