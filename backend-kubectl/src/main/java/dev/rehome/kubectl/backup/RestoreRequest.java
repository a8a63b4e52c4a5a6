package dev.rehome.kubectl.backup;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.kubectl.NamespacedName;
import java.util.Objects;

/**
 * One restore proof: the shared CNPG cluster, the completed Backup of it to restore, and the database to check in
 * the restored copy, as {@code login} (database, user and password; host and port are replaced by a port-forward
 * to the scratch primary, since a physical restore keeps the roles and their passwords) checked by {@code check}.
 */
public record RestoreRequest(NamespacedName cluster, String backupName, DatabaseEndpoint login, RestoreCheck check) {
    public RestoreRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(backupName, "backupName");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(check, "check");
    }

    public String database() {
        return login.database();
    }
}
