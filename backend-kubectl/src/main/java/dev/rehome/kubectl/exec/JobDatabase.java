package dev.rehome.kubectl.exec;

import java.util.Objects;

/**
 * A database as a pod inside the cluster reaches it: a Service host name such as
 * {@code pal-e-postgres-rw.postgres.svc}, port, database, login, and where the login's password is kept.
 */
public record JobDatabase(String host, int port, String database, String user, SecretKeyRef password) {
    public JobDatabase {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** {@code postgresql://user@host:port/db}, for messages. */
    public String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
