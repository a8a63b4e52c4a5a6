package dev.rehome.jdbc.copy;

import dev.rehome.core.TableCopy;
import dev.rehome.jdbc.copy.internal.ParallelWork;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Copies the rows of all tables and the large objects on {@code jobs} workers, largest table first. Every worker
 * reads in the one exported snapshot, so all tables show the same moment of the source, and keeps its pair of
 * sessions for all the tables it takes.
 */
public final class DataCopier {
    private sealed interface Item permits TableItem, LargeObjectsItem {
    }

    private record TableItem(TableSpec spec) implements Item {
    }

    private record LargeObjectsItem() implements Item {
    }

    private record SessionPair(Connection source, Connection target) implements AutoCloseable {
        @Override
        public void close() {
            CopySessions.close(source);
            CopySessions.close(target);
        }
    }

    private final CopySessions sessions;
    private final TableStreamer streamer;
    private final LargeObjectCopier largeObjects = new LargeObjectCopier();

    public DataCopier(CopySessions sessions, Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.streamer = new TableStreamer(clock);
    }

    public List<TableCopy> copy(String snapshotId, SourceCatalog catalog, int jobs, ProgressMeter meter) {
        List<Item> items = new ArrayList<>();
        if (catalog.largeObjects() > 0) {
            items.add(new LargeObjectsItem());
        }
        catalog.tables().stream().sorted(Comparator.comparingLong(TableSpec::estimatedBytes).reversed())
                .map(TableItem::new).forEach(items::add);
        ConcurrentLinkedQueue<TableCopy> done = new ConcurrentLinkedQueue<>();
        ParallelWork<SessionPair, Item> work = new ParallelWork<>("copy-data");
        work.run(jobs, items, () -> open(snapshotId), (pair, item) -> {
            if (item instanceof TableItem t) {
                done.add(streamer.copy(pair.source(), pair.target(), t.spec(), meter, work::failed));
                meter.tableDone();
            } else {
                largeObjects.copy(pair.source(), pair.target(), meter, work::failed);
            }
        });
        List<TableCopy> out = new ArrayList<>(done);
        out.sort(Comparator.comparing(TableCopy::table));
        return out;
    }

    private SessionPair open(String snapshotId) throws java.sql.SQLException {
        Connection source = sessions.openSnapshotReader(snapshotId);
        try {
            Connection target = sessions.openTarget();
            target.setAutoCommit(false);
            return new SessionPair(source, target);
        } catch (RuntimeException | java.sql.SQLException e) {
            CopySessions.close(source);
            throw e;
        }
    }
}
