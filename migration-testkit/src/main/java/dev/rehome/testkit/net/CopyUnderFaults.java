package dev.rehome.testkit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyLimits;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyStalledException;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Secret;
import dev.rehome.testkit.PostgresServer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the network-fault tests of every copy engine ask alike: a copy that must fail (never succeed, never hang),
 * a stall reported as one, no session of the failed copy left on a server once the network heals, and the way
 * through a {@link FaultyProxy}.
 */
public final class CopyUnderFaults {
    /** A copy without its watchdog would hang here: the test fails instead. */
    public static final Duration HANG = Duration.ofSeconds(60);
    public static final CopyLimits TWO_SECOND_STALL = new CopyLimits(Duration.ofSeconds(2), Duration.ofMinutes(2));

    private CopyUnderFaults() {
    }

    /** Runs the copy and returns how it failed; fails the test if it succeeded or hung. */
    public static MigrationException copyFails(CopyEngine engine, CopyRequest request) {
        Throwable[] thrown = new Throwable[1];
        assertTimeoutPreemptively(HANG, () -> {
            try {
                engine.copy(request, MigrationListener.NONE);
            } catch (RuntimeException e) {
                thrown[0] = e;
            }
        }, "the copy hung instead of failing");
        return assertInstanceOf(MigrationException.class, thrown[0], "the copy must fail, never report success");
    }

    /** The failure is the two-second stall between {@code from} and {@code to}, exit 5, soon after the start. */
    public static void assertStalled(MigrationException failure, long startNanos, DatabaseEndpoint from,
                                     DatabaseEndpoint to) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertInstanceOf(CopyStalledException.class, failure);
        assertEquals("no bytes moved for 2s between " + from.describe() + " and " + to.describe()
                + "; the network or a server stopped answering", failure.getMessage());
        assertEquals(5, failure.errorCode().exitCode());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0,
                "failed within the stall limit and a margin, took " + took);
    }

    /** Once the network heals, the server notices the failed copy's closed sockets and ends its sessions. */
    public static void assertNoSessionIsLeftOn(PostgresServer server, String database) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long left;
        do {
            left = sessions(server, database);
        } while (left > 0 && System.nanoTime() < deadline && pause());
        assertEquals(0, left, "sessions of the failed copy left on " + database);
    }

    /** {@code database} on the server behind {@code network}, as its superuser. */
    public static DatabaseEndpoint through(FaultyProxy network, String database) {
        return DatabaseEndpoint.of(network.host(), network.port(), database, PostgresServer.SUPERUSER, Secret.empty());
    }

    /** Waits until the proxy has relayed {@code bytes}, so a fault set now lands in the data. */
    public static void awaitRelayed(FaultyProxy network, long bytes) {
        while (network.bytesRelayed() < bytes && pause()) {
            // polling: the proxy counts, the test waits
        }
    }

    private static long sessions(PostgresServer server, String database) {
        try (var c = server.connect("postgres"); var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = ? AND backend_type = 'client backend'")) {
            ps.setString(1, database);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
