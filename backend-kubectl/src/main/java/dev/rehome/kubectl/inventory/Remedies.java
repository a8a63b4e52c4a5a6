package dev.rehome.kubectl.inventory;

/**
 * The one thing to do about an uncovered data store. A standalone PostgreSQL gets the exact command that moves it
 * into a CNPG cluster with backups.
 *
 * @param planTarget {@code namespace/cluster} to move standalone PostgreSQL into
 */
record Remedies(String planTarget) {
    static final String UNKNOWN_TARGET = "NAMESPACE/CLUSTER";

    String forStore(DataStore store) {
        String workload = store.workload().qualifiedName();
        String namespace = store.workload().namespace();
        return switch (store.engine()) {
            case POSTGRESQL -> "rehome-fleet plan " + workload + " --into " + planTarget;
            case MYSQL, MARIADB -> "add a Velero schedule for namespace " + namespace
                    + " with a pre-backup hook running mysqldump, or move " + workload + " to an operator with backups";
            case MONGODB -> "add a Velero schedule for namespace " + namespace
                    + " with a pre-backup hook running mongodump, or use an operator with backups";
            case REDIS, VALKEY -> "add a Velero schedule for namespace " + namespace
                    + " with defaultVolumesToFsBackup: true (AOF files are safe to copy)";
            default -> "add a Velero schedule for namespace " + namespace
                    + " that backs up " + workload + "'s volumes, or use the engine's own snapshot/backup tool";
        };
    }
}
