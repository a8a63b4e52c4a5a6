package dev.rehome.core.cutover;

import dev.rehome.core.Journal;
import dev.rehome.core.Verifier;
import dev.rehome.core.spi.Lock;
import java.util.Objects;

/**
 * Everything the cutover talks to, passed in whole so the same plan runs against the real cluster, the sandbox
 * and test fakes. {@code verifier} compares source and target content (checksums, sequences, schema, ownership);
 * the invariants are checked by the plan itself; {@code restoreProofs} proves the first backup restores.
 */
public record CutoverPorts(Workloads workloads, Secrets secrets, Volumes volumes, Backups backups, Network network,
                           Databases databases, TargetProvisioner provisioner, Lock lock, CopyEngines engines,
                           Verifier verifier, HealthCheck health, Journal journal, RestoreProofs restoreProofs) {
    public CutoverPorts {
        Objects.requireNonNull(workloads, "workloads");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(volumes, "volumes");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(databases, "databases");
        Objects.requireNonNull(provisioner, "provisioner");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(restoreProofs, "restoreProofs");
    }

    /** A world that cannot restore a backup into a scratch cluster: the restore proof is skipped, saying so. */
    public CutoverPorts(Workloads workloads, Secrets secrets, Volumes volumes, Backups backups, Network network,
                        Databases databases, TargetProvisioner provisioner, Lock lock, CopyEngines engines,
                        Verifier verifier, HealthCheck health, Journal journal) {
        this(workloads, secrets, volumes, backups, network, databases, provisioner, lock, engines, verifier, health,
                journal, RestoreProofs.unavailable("this world cannot restore a backup into a scratch cluster"));
    }

    /** The same ports with {@code proofs} proving restores. */
    public CutoverPorts withRestoreProofs(RestoreProofs proofs) {
        return new CutoverPorts(workloads, secrets, volumes, backups, network, databases, provisioner, lock, engines,
                verifier, health, journal, proofs);
    }
}
