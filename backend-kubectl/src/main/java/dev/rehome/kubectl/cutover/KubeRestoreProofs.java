package dev.rehome.kubectl.cutover;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Verifier;
import dev.rehome.core.cutover.RestoreProofResult;
import dev.rehome.core.cutover.RestoreProofs;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.backup.RestoreCheck;
import dev.rehome.kubectl.backup.RestoreProof;
import dev.rehome.kubectl.backup.RestoreProver;
import dev.rehome.kubectl.backup.RestoreRequest;
import java.util.Objects;

/**
 * The cutover's restore proof on CNPG: {@link RestoreProver} recovers the backup into a scratch Cluster beside the
 * shared one, and the moved database in it is compared with the reference by {@code verifier}.
 */
public final class KubeRestoreProofs implements RestoreProofs {
    private final RestoreProver prover;
    private final NamespacedName cluster;
    private final Verifier verifier;

    public KubeRestoreProofs(RestoreProver prover, NamespacedName cluster, Verifier verifier) {
        this.prover = Objects.requireNonNull(prover, "prover");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public RestoreProofResult prove(String backup, DatabaseEndpoint login, DatabaseEndpoint reference) {
        RestoreProof proof = prover.prove(new RestoreRequest(cluster, backup, login, RestoreCheck.against(reference, verifier)));
        String detail = proof.findings().isEmpty() ? proof.reason() : proof.reason() + ": " + String.join("; ", proof.findings());
        return new RestoreProofResult(RestoreProofResult.Status.valueOf(proof.status().name()), proof.database(),
                proof.backup(), proof.rowsCompared(), proof.secondsToRestore(), detail);
    }
}
