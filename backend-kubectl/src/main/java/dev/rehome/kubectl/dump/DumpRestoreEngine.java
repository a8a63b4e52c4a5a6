package dev.rehome.kubectl.dump;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyProgress;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.TableCopy;
import dev.rehome.core.TableRef;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CopyWatchdog;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.core.spi.RunningCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dump-restore} engine: {@code pg_dump -Fc} of the source streamed through this JVM into
 * {@code pg_restore --exit-on-error} on the target. pg_dump runs where {@code dumpRunner} runs it and pg_restore
 * and psql where {@code restoreRunner} does (both local processes on one machine; pod exec or a Job in a cluster).
 * With more than one job and both programs local, the dump goes to a spool directory instead and both programs run
 * {@code --jobs} processes ({@link SpooledDumpRestore}); a pipe allows only one.
 *
 * <p>The restore leaves out ownership and privileges; afterwards one psql transaction makes the requested owner
 * own every object and replays the source's privileges whose roles exist in the target, reporting each one it
 * leaves out as a notice. pg_restore creates triggers and constraints after loading the data, so no user trigger
 * fires during the load, and COPY never writes generated columns. A copy fails when either program exits
 * non-zero or the restore did not consume the dump to its end. A {@link CopyWatchdog} kills every program of
 * the copy when the streamed dump moves no bytes for the stall limit, or the copy outlives its deadline (the
 * parallel, spooled form has the deadline only). Thread-safe; each copy uses its own processes.
 */
public final class DumpRestoreEngine implements CopyEngine {
    public static final String ID = "dump-restore";
    private static final Logger LOG = LoggerFactory.getLogger(DumpRestoreEngine.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final String USER_TABLES = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
            + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1, 2";

    private final CommandRunner dumpRunner;
    private final CommandRunner restoreRunner;
    private final PgClientCommands programs;
    private final Clock clock;
    private final Duration commandTimeout;

    public DumpRestoreEngine(CommandRunner dumpRunner, CommandRunner restoreRunner, PgClientCommands programs,
                             Clock clock, Duration commandTimeout) {
        this.dumpRunner = Objects.requireNonNull(dumpRunner, "dumpRunner");
        this.restoreRunner = Objects.requireNonNull(restoreRunner, "restoreRunner");
        this.programs = Objects.requireNonNull(programs, "programs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /** Programs from PATH, the caller's clock, and a day for the longest single program. */
    public DumpRestoreEngine(CommandRunner dumpRunner, CommandRunner restoreRunner, Clock clock) {
        this(dumpRunner, restoreRunner, PgClientCommands.onPath(), clock, Duration.ofHours(24));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CopyResult copy(CopyRequest request, MigrationListener listener) {
        StartedCommands started = new StartedCommands();
        try (CopyWatchdog watchdog = CopyWatchdog.start(clock, request.options().limits(),
                request.source().describe() + " and " + request.target().describe(), started::killAll)) {
            try {
                CopyResult result = new Run(started.watching(dumpRunner), started.watching(restoreRunner), watchdog)
                        .copy(request, listener);
                watchdog.verdict().ifPresent(v -> {
                    throw v; // programs killed midway may still have exited as if done: never a success
                });
                return result;
            } catch (RuntimeException e) {
                throw watchdog.explain(e);
            }
        }
    }

    /** One copy's programs, each started through runners that the copy's watchdog can stop. */
    private final class Run {
        private final CommandRunner dumpRunner;
        private final CommandRunner restoreRunner;
        private final CopyWatchdog watchdog;

        Run(CommandRunner dumpRunner, CommandRunner restoreRunner, CopyWatchdog watchdog) {
            this.dumpRunner = dumpRunner;
            this.restoreRunner = restoreRunner;
            this.watchdog = watchdog;
        }

        CopyResult copy(CopyRequest request, MigrationListener listener) {
            Instant start = clock.instant();
            DatabaseEndpoint source = request.source();
            DatabaseEndpoint target = request.target();
            ClientPrograms onTarget = new ClientPrograms(restoreRunner, commandTimeout);
            Set<String> targetRoles = targetRoles(onTarget, target);
            request.options().owner().filter(owner -> !targetRoles.contains(owner)).ifPresent(owner -> {
                throw new InvalidConfigurationException("owner role '" + owner + "' does not exist in "
                        + target.describe() + "; create it first or leave out --owner");
            });
            DumpedPrivileges privileges = readPrivileges(source);
            LOG.info("dump-restore: pg_dump of {} into pg_restore on {}, {} jobs", source.describe(), target.describe(),
                    request.options().jobs());
            int jobs = request.options().jobs();
            long bytes = jobs > 1 && bothLocal()
                    ? new SpooledDumpRestore(dumpRunner, programs, commandTimeout).copy(source, target, jobs,
                            dumped -> listener.onCopyProgress(new CopyProgress(0, -1, -1, dumped,
                                    Duration.between(start, clock.instant()))))
                    : streamDumpIntoRestore(source, target, listener);
            DumpedPrivileges.Replay replay = privileges.replayableIn(targetRoles);
            String script = (request.options().owner().map(OwnershipScript::forOwner).orElse(""))
                    + String.join("\n", replay.statements());
            if (!script.isBlank()) {
                onTarget.run(programs.psqlScript(target), target, (script + "\n").getBytes(StandardCharsets.UTF_8));
            }
            replay.notices().forEach(listener::onNotice);
            List<TableCopy> tables = onTarget.query(programs.psqlQuery(target, USER_TABLES), target).stream()
                    .map(row -> new TableCopy(new TableRef(row.get(0), row.get(1)), -1, -1, Duration.ZERO))
                    .toList();
            Duration took = Duration.between(start, clock.instant());
            LOG.info("dump-restore: {} bytes, {} tables in {}", bytes, tables.size(), took);
            return new CopyResult(ID, took, tables, replay.notices());
        }

        private Set<String> targetRoles(ClientPrograms onTarget, DatabaseEndpoint target) {
            Set<String> roles = new HashSet<>();
            onTarget.query(programs.psqlQuery(target, "SELECT rolname FROM pg_catalog.pg_roles"), target)
                    .forEach(row -> roles.add(row.get(0)));
            return roles;
        }

        private DumpedPrivileges readPrivileges(DatabaseEndpoint source) {
            var spec = programs.dumpSchemaSql(source);
            try (RunningCommand dump = dumpRunner.start(spec)) {
                closeQuietly(dump);
                DumpedPrivileges privileges = DumpedPrivileges.read(
                        new BufferedReader(new InputStreamReader(dump.stdout(), StandardCharsets.UTF_8)));
                int exit = dump.waitFor(commandTimeout);
                if (exit != 0) {
                    throw ClientPrograms.failure(spec.program(), dump, exit, source);
                }
                return privileges;
            }
        }

        private long streamDumpIntoRestore(DatabaseEndpoint source, DatabaseEndpoint target, MigrationListener listener) {
            var dumpSpec = programs.dumpCustomFormat(source);
            var restoreSpec = programs.restoreFromStdin(target);
            try (RunningCommand dump = dumpRunner.start(dumpSpec);
                 RunningCommand restore = restoreRunner.start(restoreSpec)) {
                closeQuietly(dump);
                BytePump pump = new BytePump(clock, PROGRESS_INTERVAL,
                        (bytes, elapsed) -> listener.onCopyProgress(new CopyProgress(0, -1, -1, bytes, elapsed)),
                        watchdog::moved);
                watchdog.streamStarted();
                BytePump.Outcome outcome;
                try {
                    outcome = pump.pump(dump.stdout(), restore.stdin());
                } finally {
                    watchdog.streamEnded();
                }
                if (!outcome.sawEof()) {
                    // The restore stopped reading (it failed) or the dump broke off; stop the other end, then let the
                    // exit codes say which.
                    dump.close();
                    restore.close();
                }
                int dumpExit = dump.waitFor(commandTimeout);
                int restoreExit = restore.waitFor(commandTimeout);
                if (dumpExit != 0 && outcome.sawEof()) {
                    throw ClientPrograms.failure(dumpSpec.program(), dump, dumpExit, source);
                }
                if (restoreExit != 0) {
                    throw ClientPrograms.failure(restoreSpec.program(), restore, restoreExit, target);
                }
                if (dumpExit != 0) {
                    throw ClientPrograms.failure(dumpSpec.program(), dump, dumpExit, source);
                }
                if (!outcome.sawEof()) {
                    throw new OperationFailedException("pg_restore " + restore.where() + " stopped reading the dump after "
                            + outcome.bytes() + " bytes (" + outcome.failure().getMessage() + "); the target "
                            + target.describe() + " is incomplete: drop it and copy again");
                }
                return outcome.bytes();
            }
        }
    }

    /** Both programs run on this machine, so pg_restore can read a directory pg_dump wrote. */
    private boolean bothLocal() {
        return dumpRunner instanceof LocalCommandRunner && restoreRunner instanceof LocalCommandRunner;
    }

    /** pg_dump reads nothing; closing its stdin at once means it can never wait on us. */
    private static void closeQuietly(RunningCommand command) {
        try {
            command.stdin().close();
        } catch (IOException ignored) {
            // a program that already exited has no stdin to close
        }
    }
}
