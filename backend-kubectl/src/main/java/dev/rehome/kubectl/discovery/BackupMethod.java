package dev.rehome.kubectl.discovery;

/** How a CNPG cluster archives WAL and takes base backups. */
public enum BackupMethod {
    /** In-tree {@code spec.backup.barmanObjectStore}; Backups use {@code method: barmanObjectStore}. */
    BARMAN_OBJECT_STORE,
    /** A CNPG-I plugin with {@code isWALArchiver: true}; Backups use {@code method: plugin}. */
    PLUGIN,
    /** No object store: {@code ContinuousArchiving=True} then only means archiving is skipped successfully. */
    NONE
}
