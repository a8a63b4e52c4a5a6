package dev.rehome.fleet.restore;

import dev.rehome.cutover.report.RecordJson;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.backup.RestoreProof;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An on-demand restore proof as a ticket reads it (Markdown) and as a machine does (JSON, the cutover report's
 * {@code restoreProof} fields plus the cluster and the scratch cluster).
 */
public record RestoreProofReport(NamespacedName cluster, RestoreProof proof) {
    public RestoreProofReport {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(proof, "proof");
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# rehome restore proof\n\n");
        md.append("- cluster: ").append(cluster).append('\n');
        md.append("- database: ").append(proof.database()).append('\n');
        md.append("- backup: ").append(proof.backup()).append('\n');
        md.append("\n**Result:** ").append(proof.status().name().toLowerCase(Locale.ROOT)).append(": ")
                .append(proof.reason()).append("\n\n");
        if (proof.status() != RestoreProof.Status.SKIPPED) {
            md.append(String.format(Locale.ROOT, "- rows read in the restored database: %d%n- restored in: %.1f s%n"
                    + "- scratch cluster: %s (deleted)%n", proof.rowsCompared(), proof.secondsToRestore(),
                    proof.scratchCluster()));
        }
        if (!proof.findings().isEmpty()) {
            md.append("\n## Findings\n\n");
            proof.findings().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    public String json() {
        return RecordJson.render(new Document(new Proof(proof.status().name().toLowerCase(Locale.ROOT),
                cluster.toString(), proof.database(), proof.backup(), proof.scratchCluster(), proof.rowsCompared(),
                proof.secondsToRestore(), proof.reason(), proof.findings())));
    }

    record Document(Proof restoreProof) {
    }

    record Proof(String status, String cluster, String database, String backup, String scratchCluster,
                 long rowsCompared, double secondsToRestore, String detail, List<String> findings) {
    }
}
