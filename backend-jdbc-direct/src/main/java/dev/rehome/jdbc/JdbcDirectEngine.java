package dev.rehome.jdbc;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.MigrationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.TableCopy;
import dev.rehome.core.TableRef;
import dev.rehome.core.spi.CopyWatchdog;
import dev.rehome.jdbc.copy.CopySessions;
import dev.rehome.jdbc.copy.DataCopier;
import dev.rehome.jdbc.copy.DatabaseSettingsCopier;
import dev.rehome.jdbc.copy.DdlApplier;
import dev.rehome.jdbc.copy.DdlScript;
import dev.rehome.jdbc.copy.DumpSection;
import dev.rehome.jdbc.copy.IndexBuilder;
import dev.rehome.jdbc.copy.PhaseTimer;
import dev.rehome.jdbc.copy.PostDataPlan;
import dev.rehome.jdbc.copy.PgDumpSchemaDumper;
import dev.rehome.jdbc.copy.PrivilegeReplayer;
import dev.rehome.jdbc.copy.ProgressMeter;
import dev.rehome.jdbc.copy.SchemaDumper;
import dev.rehome.jdbc.copy.SequenceCopier;
import dev.rehome.jdbc.copy.SourceCatalog;
import dev.rehome.jdbc.copy.TableSpec;
import dev.rehome.jdbc.copy.TargetFinisher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jdbc-direct} copy engine: schema from {@code pg_dump}, data streamed COPY-to-COPY between pgjdbc
 * sessions, all of it read in one exported snapshot.
 *
 * <pre>{@code
 * CopyResult r = new JdbcDirectEngine(clock).copy(new CopyRequest(source, target, CopyOptions.ofDefaults()), listener);
 * }</pre>
 *
 * <p>Order of work: export a snapshot on a coordinator session that stays open until the data is read; dump
 * pre-data and post-data DDL in that snapshot ({@code --no-owner}); apply pre-data; copy the rows of every table
 * (partition leaves, never partitioned parents) and the large objects on {@code jobs} workers that joined the
 * snapshot, largest table first (tables over the split threshold in page ranges side by side), with explicit
 * column lists that leave out generated columns; set sequences and the database's own settings
 * ({@code ALTER DATABASE ... SET}); build indexes in parallel, then constraints, triggers and the rest of
 * post-data; refresh materialized views; replay privileges whose roles exist on the target; {@code ANALYZE}.
 *
 * <p>Triggers never fire during the load because they do not exist yet: pg_dump puts triggers, rules, foreign
 * keys and {@code NOT VALID} checks in post-data, which runs after the data. This works for a target login that
 * is not a superuser, where {@code session_replication_role} could not be set. With an owner role, every
 * target session acts as that role ({@code SET ROLE}), so every object it creates belongs to it; without one,
 * objects belong to the target login.
 *
 * <p>Limits: {@code pg_dump} must be at least the source's major version (the local one is 15: a newer source
 * needs a {@link SchemaDumper} that runs pg_dump in the source pod, see
 * {@link PgDumpSchemaDumper#runningWhere}); grants and comments on large objects, publications, subscriptions,
 * security labels and role-bound database settings are not copied; a row-level security policy that names a role
 * the target lacks fails post-data (dropping it could widen access); a materialized view is refreshed from the
 * copied data, so a stale one on the source is fresh on the target; the target must run the source's major
 * version or a newer one.
 *
 * <p>A {@link CopyWatchdog} bounds every copy by {@link dev.rehome.core.CopyLimits}: while the rows stream, no
 * bytes for the stall limit, and at any time the deadline, abort every session of the copy, so a black-holed
 * network or a frozen server fails the copy instead of hanging it. Thread-safe: one instance serves many copies.
 */
public final class JdbcDirectEngine implements CopyEngine {
    public static final String ID = "jdbc-direct";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDirectEngine.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    /** Tables larger than this (heap + TOAST) are copied in page ranges by several workers at once. */
    public static final long DEFAULT_SPLIT_THRESHOLD_BYTES = 1L << 30;

    private final SchemaDumper dumper;
    private final PgConnector connector;
    private final Clock clock;
    private final long splitThresholdBytes;

    public JdbcDirectEngine(SchemaDumper dumper, PgConnector connector, Clock clock) {
        this(dumper, connector, clock, DEFAULT_SPLIT_THRESHOLD_BYTES);
    }

    private JdbcDirectEngine(SchemaDumper dumper, PgConnector connector, Clock clock, long splitThresholdBytes) {
        this.dumper = Objects.requireNonNull(dumper, "dumper");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (splitThresholdBytes < 1) {
            throw new IllegalArgumentException("split threshold must be positive, was " + splitThresholdBytes);
        }
        this.splitThresholdBytes = splitThresholdBytes;
    }

    /** A copy of this engine that splits tables larger than {@code bytes} across workers (sources 14 and newer). */
    public JdbcDirectEngine withSplitThreshold(long bytes) {
        return new JdbcDirectEngine(dumper, connector, clock, bytes);
    }

    /** With the machine's own pg_dump; {@code clock} times the copy (the caller's, so tests need not sleep). */
    public JdbcDirectEngine(Clock clock) {
        this(PgDumpSchemaDumper.local(), new PgConnector("rehome-copy"), clock);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CopyResult copy(CopyRequest request, MigrationListener listener) {
        CopySessions sessions = new CopySessions(connector, request.source(), request.target(), request.options().owner());
        try (CopyWatchdog watchdog = CopyWatchdog.start(clock, request.options().limits(),
                request.source().describe() + " and " + request.target().describe(), sessions::abortAll)) {
            try {
                CopyResult result = run(request, sessions, watchdog, listener);
                watchdog.verdict().ifPresent(v -> {
                    throw v; // given up: whatever ran on after the abort is not trusted
                });
                return result;
            } catch (SQLException e) {
                throw watchdog.explain(new OperationFailedException("copy from " + request.source().describe() + " to "
                        + request.target().describe() + " failed: " + e.getMessage(), e));
            } catch (RuntimeException e) {
                LOG.debug("copy failed", e);
                throw watchdog.explain(e);
            }
        }
    }

    /** What the snapshot phase produced: the source's inventory, both DDL sections, and the tables copied. */
    private record Loaded(SourceCatalog catalog, DdlScript pre, PostDataPlan post, List<TableCopy> tables,
                          List<String> notices) {
    }

    private CopyResult run(CopyRequest request, CopySessions sessions, CopyWatchdog watchdog, MigrationListener listener)
            throws SQLException {
        long start = clock.millis();
        int jobs = request.options().jobs();
        PhaseTimer phases = new PhaseTimer(clock);
        Loaded loaded;
        List<String> notices;
        try (IndexBuilder indexes = new IndexBuilder(sessions, jobs)) {
            loaded = loadInOneSnapshot(request, sessions, indexes, phases, watchdog, listener);
            new DdlApplier(sessions).applyPostData(loaded.post(), indexes, loaded(loaded), phases);
            TargetFinisher finisher = new TargetFinisher(sessions);
            finisher.refresh(loaded.catalog().materializedViews());
            notices = new ArrayList<>(loaded.notices());
            request.options().owner().ifPresent(owner -> notices.addAll(finisher.ownSchemas(owner)));
            List<String> privileges = new ArrayList<>(loaded.pre().privileges());
            privileges.addAll(loaded.post().privileges());
            notices.addAll(new PrivilegeReplayer(sessions).replay(privileges));
            phases.end("views, owners and privileges");
            finisher.analyze(analyzable(loaded.catalog()), indexes);
            phases.end("analyze");
        }
        notices.forEach(listener::onNotice);
        Duration took = Duration.ofMillis(clock.millis() - start);
        LOG.info("copy to {} finished in {} ms; {}", request.target().describe(), took.toMillis(), phases);
        return new CopyResult(ID, took, loaded.tables(), notices);
    }

    private static Set<TableRef> loaded(Loaded loaded) {
        return loaded.tables().stream().map(TableCopy::table).collect(Collectors.toSet());
    }

    /**
     * Everything that must see the source at one moment: the exported snapshot stays open on the coordinator
     * session while pg_dump reads the schema (both sections at once) and the workers read the rows and large
     * objects in it. Index builds start for each table as soon as it is loaded.
     */
    private Loaded loadInOneSnapshot(CopyRequest request, CopySessions sessions, IndexBuilder indexes,
                                     PhaseTimer phases, CopyWatchdog watchdog, MigrationListener listener)
            throws SQLException {
        try (Connection coordinator = sessions.openSource()) {
            CopySessions.startReadOnlyRepeatableRead(coordinator);
            String snapshot = exportSnapshot(coordinator);
            SourceCatalog catalog = SourceCatalog.read(coordinator);
            LOG.info("copying {} tables, {} sequences, {} large objects from {} (snapshot {}) on {} jobs",
                    catalog.tables().size(), catalog.sequences().size(), catalog.largeObjects(),
                    request.source().describe(), snapshot, request.options().jobs());
            CompletableFuture<String> postText = CompletableFuture.supplyAsync(() -> dumper.dump(request.source(),
                    catalog.serverMajor(), snapshot, DumpSection.POST_DATA));
            DdlScript pre = DdlScript.parse(dumper.dump(request.source(), catalog.serverMajor(), snapshot, DumpSection.PRE_DATA));
            DdlScript post = DdlScript.parse(join(postText));
            indexes.useSessionSettings(post.sessionSettings());
            List<String> notices = new DdlApplier(sessions).applyPreData(pre);
            phases.end("schema");
            PostDataPlan plan = PostDataPlan.of(post);
            ProgressMeter meter = new ProgressMeter(listener, clock, catalog.tables().size(), PROGRESS_INTERVAL);
            List<TableCopy> tables;
            watchdog.streamStarted();
            try {
                tables = new DataCopier(sessions, clock, splitThresholdBytes, watchdog::moved).copy(snapshot, catalog,
                        request.options().jobs(), meter,
                        table -> indexes.submit(plan.indexesByTable().getOrDefault(table, List.of())), indexes::failed);
            } catch (MigrationException e) {
                if (indexes.failed()) {
                    indexes.awaitAll(); // the index failure stopped the copy: report that one
                }
                throw e;
            } finally {
                watchdog.streamEnded();
            }
            phases.end("data");
            try (Connection target = sessions.openTarget()) {
                new SequenceCopier().copy(coordinator, target, catalog.sequences());
                notices.addAll(new DatabaseSettingsCopier().copy(coordinator, target, request.target().database()));
            }
            coordinator.commit();
            meter.finish();
            phases.end("sequences and settings");
            return new Loaded(catalog, pre, plan, tables, notices);
        }
    }

    private static String join(CompletableFuture<String> dump) {
        try {
            return dump.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MigrationException m) {
                throw m;
            }
            throw new OperationFailedException("pg_dump of post-data failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String exportSnapshot(Connection coordinator) throws SQLException {
        try (Statement s = coordinator.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<TableRef> analyzable(SourceCatalog catalog) {
        List<TableRef> out = new ArrayList<>(catalog.tables().stream().map(TableSpec::table).toList());
        catalog.materializedViews().stream().filter(SourceCatalog.MaterializedView::populated)
                .map(SourceCatalog.MaterializedView::view).forEach(out::add);
        return out;
    }
}
