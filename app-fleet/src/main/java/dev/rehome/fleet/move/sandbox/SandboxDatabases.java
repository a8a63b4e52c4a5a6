package dev.rehome.fleet.move.sandbox;

import dev.rehome.basketball.Databases;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import java.util.Objects;

/**
 * The tool reaches both embedded servers directly; the app is given the target's in-cluster read-write Service
 * address ({@code CLUSTER-rw.NAMESPACE.svc.cluster.local:5432}), which the sandbox DNS maps back to the target.
 */
final class SandboxDatabases implements Databases {
    private final DatabaseEndpoint source;
    private final String sourceAppRole;
    private final DatabaseEndpoint targetSuperuser;
    private final String appHost;

    SandboxDatabases(DatabaseEndpoint source, String sourceAppRole, DatabaseEndpoint targetSuperuser, String appHost) {
        this.source = Objects.requireNonNull(source, "source");
        this.sourceAppRole = Objects.requireNonNull(sourceAppRole, "sourceAppRole");
        this.targetSuperuser = Objects.requireNonNull(targetSuperuser, "targetSuperuser");
        this.appHost = Objects.requireNonNull(appHost, "appHost");
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
        return DatabaseEndpoint.of(appHost, 5432, database, role, Secret.empty());
    }
}
