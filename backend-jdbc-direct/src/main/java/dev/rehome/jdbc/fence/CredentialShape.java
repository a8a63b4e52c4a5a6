package dev.rehome.jdbc.fence;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the source server says about the roles around the database to fence, read with the logins rehome holds
 * ({@link CredentialShapeReader}); the only input of {@link FencePlanner}. No secrets.
 *
 * @param appRole            the role the app logs in as
 * @param appCanLogin        {@code rolcanlogin} of the app role now
 * @param publicHasConnect   PUBLIC holds CONNECT on the database (the default)
 * @param appHasDirectConnect the app role holds CONNECT through an ACL entry of its own (not only via PUBLIC)
 * @param logins             the logins rehome holds that the server accepted, with their powers
 */
public record CredentialShape(String database, String databaseOwner, String appRole, boolean appSuperuser,
                              boolean appCanLogin, boolean publicHasConnect, boolean appHasDirectConnect,
                              List<LoginFacts> logins) {
    public CredentialShape {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(databaseOwner, "databaseOwner");
        Objects.requireNonNull(appRole, "appRole");
        logins = List.copyOf(logins);
    }

    /**
     * One accepted login and what it may do.
     *
     * @param canSignalApp  may terminate the app role's backends (superuser, the app role itself, a member of it,
     *                      or of {@code pg_signal_backend} when the app is not a superuser)
     * @param hasPassword   the login sent a password (an empty one means trust/peer: it cannot be rotated away)
     * @param origin        where its password comes from, for messages
     */
    public record LoginFacts(String role, boolean superuser, boolean createRole, boolean owner,
                             boolean canSignalApp, boolean hasPassword, String origin) {
        public LoginFacts {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(origin, "origin");
        }
    }

    public Optional<LoginFacts> login(String role) {
        return logins.stream().filter(l -> l.role().equals(role)).findFirst();
    }

    public Optional<LoginFacts> superuserOtherThanApp() {
        return logins.stream().filter(l -> l.superuser() && !l.role().equals(appRole)).findFirst();
    }

    public Optional<LoginFacts> appLogin() {
        return login(appRole);
    }

    public boolean appIsOwner() {
        return appRole.equals(databaseOwner);
    }
}
