package dev.rehome.jdbc.copy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.OperationFailedException;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Opens the sessions of one copy, each prepared for its job. Source sessions never time out and run with
 * {@code row_security = off}, so a policy that would hide rows makes COPY fail instead of silently copying
 * fewer rows (pg_dump does the same). Target sessions never time out, skip synchronous commit (the copy is
 * verified afterwards and redone if the target crashed) and act as the owner role when one is given, so
 * everything they create belongs to it. It keeps every session it opened, so {@link #abortAll()} can close their
 * sockets when the copy is given up. Thread-safe.
 */
public final class CopySessions {
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

    private final PgConnector connector;
    private final DatabaseEndpoint source;
    private final DatabaseEndpoint target;
    private final Optional<String> owner;
    private final Set<Connection> opened = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    public CopySessions(PgConnector connector, DatabaseEndpoint source, DatabaseEndpoint target, Optional<String> owner) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    public DatabaseEndpoint source() {
        return source;
    }

    public DatabaseEndpoint target() {
        return target;
    }

    public Optional<String> owner() {
        return owner;
    }

    public Connection openSource() {
        Map<String, String> settings = new LinkedHashMap<>(noTimeouts());
        settings.put("row_security", "off");
        return track(prepare(connector.open(source), settings, source));
    }

    /** A source session inside a read-only repeatable-read transaction that sees exactly {@code snapshotId}. */
    public Connection openSnapshotReader(String snapshotId) {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshotId);
        }
        Connection c = openSource();
        try (Statement s = c.createStatement()) {
            startReadOnlyRepeatableRead(c);
            s.execute("SET TRANSACTION SNAPSHOT " + Identifiers.literal(snapshotId));
            return c;
        } catch (SQLException e) {
            close(c);
            throw new OperationFailedException("cannot join snapshot " + snapshotId + " on " + source.describe()
                    + " (" + e.getMessage() + "); the exporting transaction must still be open", e);
        }
    }

    /**
     * Makes the next statement on {@code c} open a read-only repeatable-read transaction (pgjdbc sends the BEGIN
     * lazily, so {@code SET TRANSACTION SNAPSHOT} or {@code pg_export_snapshot()} is its first statement).
     */
    public static void startReadOnlyRepeatableRead(Connection c) throws SQLException {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        c.setAutoCommit(false);
    }

    public Connection openTarget() {
        Map<String, String> settings = new LinkedHashMap<>(noTimeouts());
        settings.put("synchronous_commit", "off");
        owner.ifPresent(role -> settings.put("role", role));
        return track(prepare(connector.open(target), settings, target));
    }

    private static Map<String, String> noTimeouts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("statement_timeout", "0");
        m.put("lock_timeout", "0");
        m.put("idle_in_transaction_session_timeout", "0");
        return m;
    }

    /**
     * Closes the socket of every session of this copy still open, without a word to the server (it may not be
     * answering): a thread blocked reading or writing one fails at once instead of waiting forever.
     */
    public void abortAll() {
        aborted = true;
        for (Connection c : opened) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // one session that cannot be aborted must not keep the others open
            }
        }
    }

    /** A session opened while {@link #abortAll()} ran is aborted too: nothing of a given-up copy goes on. */
    private Connection track(Connection c) {
        opened.removeIf(CopySessions::closed);
        opened.add(c);
        if (aborted) {
            abortAll();
            throw new OperationFailedException("the copy to " + target.describe() + " was given up");
        }
        return c;
    }

    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Applies every setting in one round trip (the names and values bound as arrays). */
    private static Connection prepare(Connection c, Map<String, String> settings, DatabaseEndpoint where) {
        String sql = "SELECT pg_catalog.set_config(s.name, s.value, false)"
                + " FROM unnest(?::pg_catalog.text[], ?::pg_catalog.text[]) AS s(name, value)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", settings.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", settings.values().toArray()));
            ps.executeQuery().close();
            return c;
        } catch (SQLException e) {
            close(c);
            throw new OperationFailedException("cannot prepare a copy session on " + where.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure; the failure is what the caller reports
        }
    }
}
