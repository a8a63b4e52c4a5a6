package dev.rehome.kubectl.exec;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Makes "feed a program through stdin until end of input" work over pod exec, which cannot signal end of input:
 * what the caller writes to stdin goes to a temporary file first; when the caller closes stdin, the program starts
 * in the pod as {@code head -c N | program} with N the spooled size, and the file is uploaded. The remote side thus
 * knows where the data ends, exits on its own, and reports its exit code.
 *
 * <p>Costs: local disk for the whole input (the file is deleted on close), and the remote program starts only
 * after the input is complete. Memory stays bounded. Use it for pg_restore or psql loads into a pod when neither a
 * port-forward nor an in-cluster Job fits.
 */
public final class SpooledUploadCommandRunner implements CommandRunner {
    private final CommandRunner podRunner;
    private final Path spoolDirectory;

    /** {@code podRunner} runs the real command (a {@link PodExecCommandRunner}); spool files go to {@code spoolDirectory}. */
    public SpooledUploadCommandRunner(CommandRunner podRunner, Path spoolDirectory) {
        this.podRunner = Objects.requireNonNull(podRunner, "podRunner");
        this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    }

    /** Spools to the JVM's temporary directory. */
    public SpooledUploadCommandRunner(CommandRunner podRunner) {
        this(podRunner, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public RunningCommand start(CommandSpec spec) {
        try {
            Path spool = Files.createTempFile(spoolDirectory, "rehome-upload-", ".spool");
            return new SpooledUpload(podRunner, spec, spool);
        } catch (IOException e) {
            throw new OperationFailedException("cannot create a spool file in " + spoolDirectory + " for "
                    + spec.program() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new OperationFailedException("cannot spool input for " + spec.program() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return podRunner.describe() + " (input spooled, then uploaded with its length)";
    }
}
