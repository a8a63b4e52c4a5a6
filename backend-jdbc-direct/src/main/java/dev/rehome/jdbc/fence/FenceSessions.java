package dev.rehome.jdbc.fence;

import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Opens the sessions a fence and its lift work through. Fence work never needs the fenced database: it runs in
 * the maintenance database ({@code postgres}, else {@code template1}), which is what lets a lift succeed while
 * the fence still blocks the database (measured: ALTER ROLE, GRANT/REVOKE CONNECT and pg_terminate_backend all
 * work from there). A session's login is tried in order of {@link #candidates}, first that the server accepts.
 */
final class FenceSessions {
    private static final List<String> MAINTENANCE = List.of("postgres", "template1");

    private final PgConnector connector;

    FenceSessions(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** A login to try: the role and the password to send. */
    record Login(String role, Secret password, String what) {
    }

    /** An open session and whose it is. */
    record Session(Connection connection, Login login, int pid) implements AutoCloseable {
        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing is best effort; the server ends the backend either way
            }
        }
    }

    /**
     * The logins able to act under {@code handle}, strongest first: rehome's session login (with the fence
     * secret when it uses one), then the operator's and every other held login with their own passwords; the
     * app's own login with its fence secret comes before its original one. {@code excluded} is left out.
     */
    static List<Login> candidates(FenceHandle handle, FenceCredentials creds, String excluded) {
        List<Login> out = new ArrayList<>();
        if (handle.sessionUsesFenceSecret()) {
            out.add(new Login(handle.sessionRole(), creds.fenceSecret(), "with the fence secret"));
        }
        creds.login(handle.operatorRole()).ifPresent(l -> out.add(new Login(l.role(), l.password(), l.origin())));
        creds.logins().forEach(l -> out.add(new Login(l.role(), l.password(), l.origin())));
        Set<String> seen = new LinkedHashSet<>();
        return out.stream().filter(l -> !l.role().equals(excluded))
                .filter(l -> seen.add(l.role() + '\0' + l.what())).toList();
    }

    /** The first candidate the server accepts, in a maintenance database; all refusals are named otherwise. */
    Session openMaintenance(FenceCredentials creds, List<Login> candidates) {
        List<String> databases = new ArrayList<>(MAINTENANCE);
        if (!databases.contains(creds.server().database())) {
            databases.add(creds.server().database());
        }
        List<String> refusals = new ArrayList<>();
        for (Login login : candidates) {
            for (String db : databases) {
                try {
                    return open(creds, db, login);
                } catch (UnreachableException e) {
                    refusals.add(login.role() + " (" + login.what() + ") on " + db + ": " + e.getMessage());
                }
            }
        }
        throw new UnreachableException("no login was accepted for fence work: " + String.join("; ", refusals));
    }

    /** A session of {@code login} on {@code database}. */
    Session open(FenceCredentials creds, String database, Login login) {
        Connection c = connector.openRaw(creds.endpoint(database, login.role(), login.password()));
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_backend_pid()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Session(c, login, rs.getInt(1));
        } catch (SQLException e) {
            new Session(c, login, -1).close();
            throw new UnreachableException("cannot use a session of '" + login.role() + "': " + e.getMessage(), e);
        }
    }
}
