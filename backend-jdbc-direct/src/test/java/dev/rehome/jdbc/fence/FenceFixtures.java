package dev.rehome.jdbc.fence;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.Secret;
import dev.rehome.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The source shapes of issue 11 on a real server, each in a database and roles of its own. The test's own view
 * (setup and inspection) is the testkit's trusted {@code postgres}; what rehome holds is {@link Fixture#held()}.
 */
final class FenceFixtures {
    private FenceFixtures() {
    }

    enum Shape {
        /** (a) official image: the app logs in as the superuser that owns the database; rehome holds only it. */
        A_SUPERUSER_APP(FencePlan.DisableLogin.class),
        /** (b) Bitnami: a non-superuser owner for the app, plus the {@code postgres} superuser's password. */
        B_OWNER_APP_AND_SUPERUSER(FencePlan.DisableLogin.class),
        /** (c) only the app's own non-superuser owner login. */
        C_OWNER_APP_ONLY(FencePlan.RotatePassword.class),
        /** (d) separate app role with grants, owner elsewhere; rehome holds the owner's and the app's logins. */
        D_OWNER_AND_APP(FencePlan.RevokeConnect.class),
        /** (d) as above, the owner may signal backends (pg_signal_backend); rehome holds only the owner. */
        D_OWNER_WITH_SIGNAL(FencePlan.RevokeConnect.class),
        /** (d) as above; rehome holds only the app's login. */
        D_APP_ONLY(FencePlan.RotatePassword.class);

        final Class<? extends FencePlan> expected;

        Shape(Class<? extends FencePlan> expected) {
            this.expected = expected;
        }
    }

    record Fixture(String database, String appRole, FenceLogin app, List<FenceLogin> held, List<String> passwords,
                   DatabaseEndpoint server) {
        DatabaseEndpoint appEndpoint() {
            return server.withUser(app.role()).withPassword(app.password());
        }
    }

    static Fixture create(PostgresServer server, Shape shape, String tag) {
        String db = "fence db " + tag;
        String app = "app " + tag;
        Secret appPw = Secret.of("app-pw-" + tag + "-c4nary");
        List<FenceLogin> held = new ArrayList<>();
        List<String> passwords = new ArrayList<>(List.of(appPw.reveal()));
        FenceLogin appLogin = new FenceLogin(app, appPw, "Secret app key password");
        server.createLoginRole(app, appPw, "postgres");
        String owner = app;
        switch (shape) {
            case A_SUPERUSER_APP -> {
                server.execute("postgres", "ALTER ROLE " + q(app) + " SUPERUSER");
                held.add(appLogin);
            }
            case B_OWNER_APP_AND_SUPERUSER -> {
                // The testkit trusts postgres on loopback, so this password is never checked; what matters is that
                // rehome holds a superuser login and the planner uses it.
                Secret su = Secret.of("postgres-pw-" + tag + "-c4nary");
                passwords.add(su.reveal());
                held.add(appLogin);
                held.add(new FenceLogin("postgres", su, "Secret db key postgres-password"));
            }
            case C_OWNER_APP_ONLY, D_APP_ONLY -> held.add(appLogin);
            case D_OWNER_AND_APP, D_OWNER_WITH_SIGNAL -> {
            }
        }
        if (shape.name().startsWith("D_")) {
            owner = "owner " + tag;
            Secret ownerPw = Secret.of("owner-pw-" + tag + "-c4nary");
            passwords.add(ownerPw.reveal());
            server.createLoginRole(owner, ownerPw, "postgres");
            FenceLogin ownerLogin = new FenceLogin(owner, ownerPw, "Secret db key owner-password");
            if (shape == Shape.D_OWNER_AND_APP) {
                held.add(ownerLogin);
                held.add(appLogin);
            } else if (shape == Shape.D_OWNER_WITH_SIGNAL) {
                server.execute("postgres", "GRANT pg_signal_backend TO " + q(owner));
                held.add(ownerLogin);
            }
        }
        server.execute("postgres", "CREATE DATABASE " + q(db) + " OWNER " + q(owner));
        server.execute(db, "CREATE TABLE public.events (id bigint PRIMARY KEY, note text);"
                + " CREATE SEQUENCE public.ticket;"
                + " ALTER TABLE public.events OWNER TO " + q(owner) + "; ALTER SEQUENCE public.ticket OWNER TO " + q(owner)
                + "; GRANT SELECT, INSERT ON public.events TO " + q(app) + "; GRANT USAGE, SELECT ON public.ticket TO "
                + q(app));
        return new Fixture(db, app, appLogin, held, passwords, server.endpoint(db));
    }

    static String q(String identifier) {
        return Identifiers.quote(identifier);
    }

    static String literal(String value) {
        return Identifiers.literal(value);
    }
}
