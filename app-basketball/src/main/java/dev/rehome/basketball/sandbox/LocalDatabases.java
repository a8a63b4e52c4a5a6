package dev.rehome.basketball.sandbox;

import dev.rehome.basketball.Databases;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import java.util.Objects;

/** Both servers reached directly (the sandbox's embedded servers, or servers the operator port-forwarded). */
public final class LocalDatabases implements Databases {
    private final DatabaseEndpoint source;
    private final String sourceAppRole;
    private final DatabaseEndpoint targetSuperuser;

    /** {@code targetSuperuser} names any database; the others are derived from it. */
    public LocalDatabases(DatabaseEndpoint source, String sourceAppRole, DatabaseEndpoint targetSuperuser) {
        this.source = Objects.requireNonNull(source, "source");
        this.sourceAppRole = Objects.requireNonNull(sourceAppRole, "sourceAppRole");
        this.targetSuperuser = Objects.requireNonNull(targetSuperuser, "targetSuperuser");
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
        return targetSuperuser.withDatabase(database).withUser(role).withPassword(Secret.empty());
    }
}
