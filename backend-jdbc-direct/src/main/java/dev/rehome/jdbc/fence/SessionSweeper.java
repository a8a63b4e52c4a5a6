package dev.rehome.jdbc.fence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ends the sessions a fence must not leave behind and proves none is left: every backend of the fenced roles,
 * in any database, and every other client backend of the fenced database; rehome's own fence sessions
 * ({@code ownPids}) excepted. Runs after the new-login block, so nobody can take a terminated session's place.
 * Each pid is terminated on its own: a non-superuser may end only its own role's backends, and one refusal must
 * not hide the others (the count afterwards names what is left).
 */
final class SessionSweeper {
    private static final Duration SETTLE = Duration.ofSeconds(10);
    // A non-superuser sees backend_type (and most columns) as NULL for other roles' sessions (measured, PG 15/16);
    // datname and usesysid stay visible. So a NULL backend_type with a user counts as a client: otherwise a
    // fence run by the app's own login would not even see another role's session, let alone fail on it.
    private static final String TARGETS = "SELECT pid, usename FROM pg_catalog.pg_stat_activity "
            + "WHERE pid <> ALL (?) AND (usename = ANY (?) OR (datname = ? AND (backend_type = 'client backend' "
            + "OR (backend_type IS NULL AND usesysid IS NOT NULL))))";

    private final Clock clock;

    SessionSweeper(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Terminates, then waits until none is left; returns what is still there (empty when the sweep held). */
    List<String> sweep(Connection c, String database, List<String> roles, Set<Integer> ownPids) throws SQLException {
        for (Backend b : list(c, database, roles, ownPids)) {
            try (PreparedStatement ps = FenceSql.prepare(c, "SELECT pg_catalog.pg_terminate_backend(?, 5000)", b.pid());
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
            } catch (SQLException refused) {
                // left for the count below, which names it
            }
        }
        Instant deadline = clock.instant().plus(SETTLE);
        List<Backend> left = list(c, database, roles, ownPids);
        while (!left.isEmpty() && clock.instant().isBefore(deadline)) {
            pause();
            left = list(c, database, roles, ownPids);
        }
        return left.stream().map(b -> "pid " + b.pid() + " of '" + b.role() + "'").toList();
    }

    private record Backend(int pid, String role) {
    }

    private static List<Backend> list(Connection c, String database, List<String> roles, Set<Integer> ownPids)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TARGETS)) {
            ps.setArray(1, c.createArrayOf("int4", ownPids.toArray()));
            ps.setArray(2, c.createArrayOf("text", roles.toArray()));
            ps.setString(3, database);
            List<Backend> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Backend(rs.getInt(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for terminated sessions to end", e);
        }
    }
}
