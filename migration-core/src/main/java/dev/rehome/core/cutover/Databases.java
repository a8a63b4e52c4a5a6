package dev.rehome.core.cutover;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: how the tool reaches the two servers (directly, or through a port-forward to the pod) and how the app
 * will reach the target. Endpoints carry passwords as {@link Secret}s only.
 */
public interface Databases {
    /** A login to the source database that may read everything and fence it (superuser or owner). */
    DatabaseEndpoint sourceAdmin();

    /** The role the app logs in with on the source; the fence stops its writes. */
    String sourceAppRole();

    /**
     * Every login held for the source server, {@link #sourceAdmin()}'s first; the fence picks the strongest that
     * still leaves rehome a way in (e.g. Bitnami's {@code postgres} superuser next to the app's owner role).
     */
    default java.util.List<SourceLogin> sourceLogins() {
        DatabaseEndpoint admin = sourceAdmin();
        return java.util.List.of(new SourceLogin(admin.user(), admin.password(), "the source login"));
    }

    /** A superuser login to {@code database} on the target cluster's primary. */
    DatabaseEndpoint targetAdmin(String database);

    /** The target as the tool reaches it, logged in as {@code role}. */
    DatabaseEndpoint targetAs(String role, Secret password, String database);

    /** The URL the app will use (the cluster's read-write service), without the password. */
    DatabaseEndpoint appEndpoint(String role, String database);

    /**
     * The target server's facts read without any login of ours, where the target has no superuser login to
     * offer (CNPG with {@code enableSuperuserAccess: false}); empty means "read them through {@link #targetAdmin}".
     */
    default Optional<TargetServer> targetServer() {
        return Optional.empty();
    }

    /** The free bytes of the target's data volume, for preflight's room check; empty when they cannot be read. */
    default OptionalLong targetFreeBytes() {
        return OptionalLong.empty();
    }
}
