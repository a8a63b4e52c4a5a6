package dev.rehome.core.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A started program. The caller must drain {@link #stdout()} (or close it) and close {@link #stdin()}; stderr
 * is collected by the runner, bounded, and offered as {@link #stderrTail()}. {@link #close()} kills the program
 * if it still runs and frees its streams, on every path.
 */
public interface RunningCommand extends AutoCloseable {
    OutputStream stdin();

    InputStream stdout();

    /**
     * Waits for the exit code; throws {@link dev.rehome.core.OperationFailedException} when {@code timeout}
     * passes first (the program is then killed).
     */
    int waitFor(Duration timeout);

    /** The last few KiB of stderr, for error messages. */
    String stderrTail();

    /** Where it runs, for messages: {@code locally}, {@code in pod 'ns/db-0' container 'postgres'}. */
    String where();

    @Override
    void close();
}
