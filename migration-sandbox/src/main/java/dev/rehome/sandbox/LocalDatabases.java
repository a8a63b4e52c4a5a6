package dev.rehome.sandbox;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import dev.rehome.core.cutover.Databases;
import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.jdbc.PgConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Both servers reached directly (the sandbox's embedded servers, or servers the operator port-forwarded). The app
 * is given the target's own address, or, with {@link #withAppHost}, an in-cluster host name such as
 * {@code CLUSTER-rw.NAMESPACE.svc.cluster.local} that a sandbox maps back to the target.
 */
public final class LocalDatabases implements Databases {
    private static final int POSTGRES_PORT = 5432;
    private static final PgConnector CONNECTOR = new PgConnector("rehome-sandbox");

    private final DatabaseEndpoint source;
    private final String sourceAppRole;
    private final DatabaseEndpoint targetSuperuser;
    private final Optional<String> appHost;
    private final List<SourceLogin> sourceLogins;
    private final boolean targetOnThisMachine;

    /** {@code targetSuperuser} names any database; the others are derived from it. */
    public LocalDatabases(DatabaseEndpoint source, String sourceAppRole, DatabaseEndpoint targetSuperuser) {
        this(source, sourceAppRole, targetSuperuser, Optional.empty(),
                List.of(new SourceLogin(source.user(), source.password(), "the source login")), false);
    }

    private LocalDatabases(DatabaseEndpoint source, String sourceAppRole, DatabaseEndpoint targetSuperuser,
                           Optional<String> appHost, List<SourceLogin> sourceLogins, boolean targetOnThisMachine) {
        this.source = Objects.requireNonNull(source, "source");
        this.sourceAppRole = Objects.requireNonNull(sourceAppRole, "sourceAppRole");
        this.targetSuperuser = Objects.requireNonNull(targetSuperuser, "targetSuperuser");
        this.appHost = appHost;
        this.sourceLogins = List.copyOf(sourceLogins);
        this.targetOnThisMachine = targetOnThisMachine;
    }

    /** The same servers, with the app pointed at {@code host}:5432 instead of the target's own address. */
    public LocalDatabases withAppHost(String host) {
        return new LocalDatabases(source, sourceAppRole, targetSuperuser, Optional.of(host), sourceLogins,
                targetOnThisMachine);
    }

    /**
     * The same servers as a source shape sees them: only {@code logins} are held, the first being the admin login
     * (e.g. only the app's own non-superuser owner, or Bitnami's app role plus the postgres superuser).
     */
    public LocalDatabases withSourceLogins(List<SourceLogin> logins) {
        SourceLogin admin = logins.get(0);
        return new LocalDatabases(source.withUser(admin.role()).withPassword(admin.password()), sourceAppRole,
                targetSuperuser, appHost, logins, targetOnThisMachine);
    }

    /**
     * The same servers, the target's data directory on this machine (an embedded server): preflight's room check
     * reads the free space of the disk it lives on. Never for a port-forwarded server, whose directory is elsewhere.
     */
    public LocalDatabases withTargetOnThisMachine() {
        return new LocalDatabases(source, sourceAppRole, targetSuperuser, appHost, sourceLogins, true);
    }

    @Override
    public OptionalLong targetFreeBytes() {
        if (!targetOnThisMachine) {
            return OptionalLong.empty();
        }
        try (Connection c = CONNECTOR.open(targetSuperuser.withDatabase("postgres")); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_catalog.current_setting('data_directory')")) {
            rs.next();
            return OptionalLong.of(Files.getFileStore(Path.of(rs.getString(1))).getUsableSpace());
        } catch (SQLException | IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
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
