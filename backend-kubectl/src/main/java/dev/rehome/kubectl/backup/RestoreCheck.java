package dev.rehome.kubectl.backup;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import java.util.Objects;

/**
 * What the restored database must look like. The usual one compares it with a reference that still holds the
 * backup's moment (e.g. the fenced source right after the cutover, or the target before the app wrote to it) using
 * the project's verifiers ({@code Verifiers.forLevel("full")}: row counts, content checksums, sequences, schema).
 */
@FunctionalInterface
public interface RestoreCheck {
    /** Reads the restored database (reached through a port-forward) and reports what differs. */
    VerificationReport check(DatabaseEndpoint restored);

    /** Compares {@code restored} with {@code reference} using {@code verifier} (reference as source). */
    static RestoreCheck against(DatabaseEndpoint reference, Verifier verifier) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(verifier, "verifier");
        return restored -> verifier.verify(reference, restored);
    }
}
