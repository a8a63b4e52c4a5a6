package dev.rehome.jdbc.copy;

import dev.rehome.core.TableCopy;
import dev.rehome.core.TableRef;
import dev.rehome.jdbc.copy.internal.ParallelWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the rows of all tables and the large objects on {@code jobs} workers, largest table first. Every worker
 * reads in the one exported snapshot, so all tables show the same moment of the source, and keeps its pair of
 * sessions for everything it takes. A table bigger than the split threshold is cut into ranges of heap pages
 * (the last range open-ended, so pages added after the size was read are not missed) that workers copy side by
 * side; that needs the TID range scans of PostgreSQL 14, older sources copy every table whole.
 */
public final class DataCopier {
    private static final Logger LOG = LoggerFactory.getLogger(DataCopier.class);
    private static final int TID_RANGE_SCAN_MAJOR = 14;

    private sealed interface Item permits WholeTable, TablePart, LargeObjects {
    }

    private record WholeTable(TableSpec spec) implements Item {
    }

    private record TablePart(SplitTable table, long fromPage, long toPage) implements Item {
    }

    private record LargeObjects() implements Item {
    }

    /** The parts of one split table still to finish, and what they moved so far. */
    private record SplitTable(TableSpec spec, AtomicInteger remaining, AtomicLong rows, AtomicLong bytes, long startMillis) {
    }

    private record SessionPair(Connection source, Connection target) implements AutoCloseable {
        @Override
        public void close() {
            CopySessions.close(source);
            CopySessions.close(target);
        }
    }

    private final CopySessions sessions;
    private final Clock clock;
    private final long splitThresholdBytes;
    private final TableStreamer streamer;
    private final LargeObjectCopier largeObjects;

    /**
     * @param splitThresholdBytes tables larger than this are copied in parts by several workers
     * @param moved               hears of every row's (and large-object chunk's) bytes as they pass, from any worker
     */
    public DataCopier(CopySessions sessions, Clock clock, long splitThresholdBytes, LongConsumer moved) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (splitThresholdBytes < 1) {
            throw new IllegalArgumentException("split threshold must be positive, was " + splitThresholdBytes);
        }
        this.splitThresholdBytes = splitThresholdBytes;
        this.streamer = new TableStreamer(moved);
        this.largeObjects = new LargeObjectCopier(moved);
    }

    /**
     * Copies every table and the large objects; {@code loaded} hears of each table once all its rows are committed
     * (the last part of a split table), so its indexes can be built while other tables still copy, and
     * {@code stop} ends the copy early when that work failed.
     */
    public List<TableCopy> copy(String snapshotId, SourceCatalog catalog, int jobs, ProgressMeter meter,
                                Consumer<TableRef> loaded, BooleanSupplier stop) {
        ConcurrentLinkedQueue<TableCopy> done = new ConcurrentLinkedQueue<>();
        ParallelWork<SessionPair, Item> work = new ParallelWork<>("copy-data");
        BooleanSupplier stopping = () -> work.failed() || stop.getAsBoolean();
        work.run(jobs, plan(catalog, jobs), () -> open(snapshotId), (pair, item) -> {
            if (item instanceof WholeTable t) {
                long start = clock.millis();
                TableStreamer.Moved m = streamer.copyWhole(pair.source(), pair.target(), t.spec(), meter, stopping);
                done.add(finished(t.spec(), m.rows(), m.bytes(), start));
                meter.tableDone();
                loaded.accept(t.spec().table());
            } else if (item instanceof TablePart p) {
                TableStreamer.Moved m = streamer.copyPages(pair.source(), pair.target(), p.table().spec(),
                        p.fromPage(), p.toPage(), meter, stopping);
                SplitTable t = p.table();
                t.rows().addAndGet(m.rows());
                t.bytes().addAndGet(m.bytes());
                if (t.remaining().decrementAndGet() == 0) {
                    done.add(finished(t.spec(), t.rows().get(), t.bytes().get(), t.startMillis()));
                    meter.tableDone();
                    loaded.accept(t.spec().table());
                }
            } else {
                largeObjects.copy(pair.source(), pair.target(), meter, stopping);
            }
        });
        List<TableCopy> out = new ArrayList<>(done);
        out.sort(Comparator.comparing(TableCopy::table));
        return out;
    }

    private List<Item> plan(SourceCatalog catalog, int jobs) {
        List<Item> items = new ArrayList<>();
        if (catalog.largeObjects() > 0) {
            items.add(new LargeObjects());
        }
        boolean canSplit = jobs > 1 && catalog.serverMajor() >= TID_RANGE_SCAN_MAJOR;
        List<TableSpec> bySize = catalog.tables().stream()
                .sorted(Comparator.comparingLong(TableSpec::estimatedBytes).reversed()).toList();
        for (TableSpec spec : bySize) {
            long parts = Math.min(jobs, Math.max(2, ceilDiv(spec.estimatedBytes(), splitThresholdBytes)));
            if (!canSplit || spec.estimatedBytes() <= splitThresholdBytes || spec.heapPages() < parts) {
                items.add(new WholeTable(spec));
                continue;
            }
            long pagesPerPart = ceilDiv(spec.heapPages(), parts);
            SplitTable table = new SplitTable(spec, new AtomicInteger((int) parts), new AtomicLong(), new AtomicLong(),
                    clock.millis());
            for (int i = 0; i < parts; i++) {
                items.add(new TablePart(table, i * pagesPerPart, i == parts - 1 ? -1 : (i + 1) * pagesPerPart));
            }
            LOG.debug("'{}' ({} bytes, {} pages) split into {} page ranges", spec.table(), spec.estimatedBytes(),
                    spec.heapPages(), parts);
        }
        return items;
    }

    private TableCopy finished(TableSpec spec, long rows, long bytes, long startMillis) {
        Duration took = Duration.ofMillis(clock.millis() - startMillis);
        LOG.debug("copied '{}': {} rows, {} bytes, {} format, {} ms", spec.table(), rows, bytes,
                spec.binary() ? "binary" : "text", took.toMillis());
        return new TableCopy(spec.table(), rows, bytes, took);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private SessionPair open(String snapshotId) throws SQLException {
        Connection source = sessions.openSnapshotReader(snapshotId);
        try {
            Connection target = sessions.openTarget();
            target.setAutoCommit(false);
            return new SessionPair(source, target);
        } catch (RuntimeException | SQLException e) {
            CopySessions.close(source);
            throw e;
        }
    }
}
