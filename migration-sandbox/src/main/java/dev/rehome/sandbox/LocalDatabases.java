package dev.rehome.sandbox;

import dev.rehome.core.cutover.Databases;
import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Both servers reached directly (the sandbox's embedded servers, or servers the operator port-forwarded). The app
 * is given the target's own address, or, with {@link #withAppHost}, an in-cluster host name such as
 * {@code CLUSTER-rw.NAMESPACE.svc.cluster.local} that a sandbox maps back to the target.
 */
public final class LocalDatabases implements Databases {
    private static final int POSTGRES_PORT = 5432;

    private final DatabaseEndpoint source;
    private final String sourceAppRole;
    private final DatabaseEndpoint targetSuperuser;
    private final Optional<String> appHost;
    private final List<SourceLogin> sourceLogins;

    /** {@code targetSuperuser} names any database; the others are derived from it. */
    public LocalDatabases(DatabaseEndpoint source, String sourceAppRole, DatabaseEndpoint targetSuperuser) {
        this(source, sourceAppRole, targetSuperuser, Optional.empty(),
                List.of(new SourceLogin(source.user(), source.password(), "the source login")));
    }

    private LocalDatabases(DatabaseEndpoint source, String sourceAppRole, DatabaseEndpoint targetSuperuser,
                           Optional<String> appHost, List<SourceLogin> sourceLogins) {
        this.source = Objects.requireNonNull(source, "source");
        this.sourceAppRole = Objects.requireNonNull(sourceAppRole, "sourceAppRole");
        this.targetSuperuser = Objects.requireNonNull(targetSuperuser, "targetSuperuser");
        this.appHost = appHost;
        this.sourceLogins = List.copyOf(sourceLogins);
    }

    /** The same servers, with the app pointed at {@code host}:5432 instead of the target's own address. */
    public LocalDatabases withAppHost(String host) {
        return new LocalDatabases(source, sourceAppRole, targetSuperuser, Optional.of(host), sourceLogins);
    }

    /**
     * The same servers as a source shape sees them: only {@code logins} are held, the first being the admin login
     * (e.g. only the app's own non-superuser owner, or Bitnami's app role plus the postgres superuser).
     */
    public LocalDatabases withSourceLogins(List<SourceLogin> logins) {
        SourceLogin admin = logins.get(0);
        return new LocalDatabases(source.withUser(admin.role()).withPassword(admin.password()), sourceAppRole,
                targetSuperuser, appHost, logins);
    }

    @Override
    public List<SourceLogin> sourceLogins() {
        return sourceLogins;
    }

    @Override
    public DatabaseEndpoint sourceAdmin() {
        return source;
    }

    @Override
    public String sourceAppRole() {
        return sourceAppRole;
    }

    @Override
    public DatabaseEndpoint targetAdmin(String database) {
        return targetSuperuser.withDatabase(database);
    }

    @Override
    public DatabaseEndpoint targetAs(String role, Secret password, String database) {
        return targetSuperuser.withDatabase(database).withUser(role).withPassword(password);
    }

    @Override
    public DatabaseEndpoint appEndpoint(String role, String database) {
        return appHost.map(host -> DatabaseEndpoint.of(host, POSTGRES_PORT, database, role, Secret.empty()))
                .orElseGet(() -> targetSuperuser.withDatabase(database).withUser(role).withPassword(Secret.empty()));
    }
}
