package dev.rehome.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a PostgreSQL database is and how to log in. {@code options} are libpq/pgjdbc connection parameters
 * such as {@code sslmode}. The password is a {@link Secret}; {@link #toString()} and {@link #describe()} never
 * show it.
 */
public record DatabaseEndpoint(String host, int port, String database, String user, Secret password,
                               Map<String, String> options) {
    public DatabaseEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        if (database.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        options = Map.copyOf(options == null ? Map.of() : options);
    }

    public static DatabaseEndpoint of(String host, int port, String database, String user, Secret password) {
        return new DatabaseEndpoint(host, port, database, user, password, Map.of());
    }

    public DatabaseEndpoint withDatabase(String otherDatabase) {
        return new DatabaseEndpoint(host, port, otherDatabase, user, password, options);
    }

    public DatabaseEndpoint withPassword(Secret otherPassword) {
        return new DatabaseEndpoint(host, port, database, user, otherPassword, options);
    }

    public DatabaseEndpoint withUser(String otherUser) {
        return new DatabaseEndpoint(host, port, database, otherUser, password, options);
    }

    public DatabaseEndpoint withHostPort(String otherHost, int otherPort) {
        return new DatabaseEndpoint(otherHost, otherPort, database, user, password, options);
    }

    /** The same endpoint with {@code more} options added (replacing those of the same name). */
    public DatabaseEndpoint withOptions(Map<String, String> more) {
        Map<String, String> merged = new java.util.HashMap<>(options);
        merged.putAll(more);
        return new DatabaseEndpoint(host, port, database, user, password, merged);
    }

    /** The same endpoint without the options named in {@code keys}. */
    public DatabaseEndpoint withoutOptions(java.util.Collection<String> keys) {
        Map<String, String> kept = new java.util.HashMap<>(options);
        kept.keySet().removeAll(keys);
        return new DatabaseEndpoint(host, port, database, user, password, kept);
    }

    /** {@code postgresql://user@host:port/db}: safe for logs and reports. */
    public String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return describe() + (options.isEmpty() ? "" : "?" + new TreeMap<>(options));
    }
}
