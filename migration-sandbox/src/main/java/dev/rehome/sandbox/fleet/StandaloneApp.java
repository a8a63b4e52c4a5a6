package dev.rehome.sandbox.fleet;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One standalone app of the seeded cluster as the sandbox plays it: its namespace, the database POSTGRES_DB names,
 * the role the app logs in with (POSTGRES_USER of the seeds) and the fixture loaded into it.
 */
record StandaloneApp(String namespace, String database, String appUser, String fixtureSql) {
    StandaloneApp {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(appUser, "appUser");
        Objects.requireNonNull(fixtureSql, "fixtureSql");
    }

    /** The three standalone apps of the seeds. */
    static List<StandaloneApp> all() {
        return List.of(new StandaloneApp("basketball-api", BasketballFixture.DATABASE, "basketball", BasketballFixture.sql()),
                new StandaloneApp("mcd-tracker", "mcd_tracker", "mcd", resource("mcd-tracker.sql")),
                new StandaloneApp("pal-e-mail", "palemail", "palemail", resource("pal-e-mail.sql")));
    }

    void load(PostgresServer server) {
        server.createDatabase(database);
        server.execute(database, fixtureSql);
    }

    private static String resource(String name) {
        try (InputStream in = StandaloneApp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " is missing from the rehome-fleet jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }
}
