package dev.rehome.kubectl.dump;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The parallel form of dump-restore, for {@code --jobs} above 1 when pg_dump and pg_restore run on this machine:
 * {@code pg_dump -Fd -Z0 -j N} into a spool directory (owner-only, deleted afterwards), then
 * {@code pg_restore -j N} from it. pg_restore cannot run in parallel from a pipe (it needs to seek in the archive),
 * so the streamed form loads one table at a time and builds indexes one by one; this one loads N tables and builds
 * N indexes at once, at the price of disk space for one uncompressed copy of the data. pg_dump's workers share
 * its snapshot, so the copy is still of one moment. The target is untouched until the dump is complete.
 */
final class SpooledDumpRestore {
    private final CommandRunner runner;
    private final PgClientCommands programs;
    private final Duration timeout;

    SpooledDumpRestore(CommandRunner runner, PgClientCommands programs, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.programs = Objects.requireNonNull(programs, "programs");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Dumps {@code source} and restores it into {@code target} with {@code jobs} processes each; returns the spool's
     * bytes, which {@code progress} hears of once the dump is complete.
     */
    long copy(DatabaseEndpoint source, DatabaseEndpoint target, int jobs, LongConsumer progress) {
        Path spool = createSpool();
        try {
            Path dir = spool.resolve("dump");
            run(programs.dumpDirectory(source, dir.toString(), jobs), source);
            long bytes = size(dir);
            progress.accept(bytes);
            run(programs.restoreDirectory(target, dir.toString(), jobs), target);
            return bytes;
        } finally {
            delete(spool);
        }
    }

    private void run(CommandSpec spec, DatabaseEndpoint endpoint) {
        try (RunningCommand cmd = runner.start(spec)) {
            try {
                cmd.stdin().close();
                try (InputStream out = cmd.stdout()) {
                    out.transferTo(OutputDiscard.INSTANCE);
                }
            } catch (IOException e) {
                // the program's exit code and stderr say what went wrong
            }
            int exit = cmd.waitFor(timeout);
            if (exit != 0) {
                throw ClientPrograms.failure(spec.program(), cmd, exit, endpoint);
            }
        }
    }

    private static Path createSpool() {
        try {
            return Files.createTempDirectory("rehome-dump-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new OperationFailedException("cannot create a spool directory for the parallel dump: "
                    + e.getMessage(), e);
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path spool) {
        try (Stream<Path> files = Files.walk(spool)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is untidy, not wrong
        }
    }

    /** Where pg_dump's and pg_restore's (empty) stdout goes. */
    private static final class OutputDiscard extends java.io.OutputStream {
        static final OutputDiscard INSTANCE = new OutputDiscard();

        @Override
        public void write(int b) {
            // discarded
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discarded
        }
    }
}
