package dev.rehome.core.cutover;

import dev.rehome.core.DatabaseEndpoint;

/**
 * Port: proves that the moved database comes back from a completed backup of the new home (CNPG: a scratch Cluster
 * bootstrapped from it, verified, deleted). Never throws for an outcome; every one is a {@link RestoreProofResult}.
 */
@FunctionalInterface
public interface RestoreProofs {
    /**
     * @param backup    the completed Backup to restore
     * @param login     the app's login to the moved database (a physical restore keeps roles and passwords); host and
     *                  port are the implementation's to replace
     * @param reference what the restored database must equal (the fenced source, still as it was at the cutover)
     */
    RestoreProofResult prove(String backup, DatabaseEndpoint login, DatabaseEndpoint reference);

    /** For worlds with no backup to restore (the in-memory sandbox, test fakes): always skipped, saying why. */
    static RestoreProofs unavailable(String why) {
        return (backup, login, reference) -> RestoreProofResult.skipped(login.database(), backup, why);
    }
}
