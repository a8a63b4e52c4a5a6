package dev.rehome.core;

import java.util.List;
import java.util.Objects;

/**
 * Compares a source and a target database and reports what differs. Verifiers are composable with
 * {@link #allOf(Verifier...)}; the JDBC backend provides the SQL ones ({@code Verifiers.rowCounts()},
 * {@code Verifiers.contentChecksums()}, ...). Implementations read both sides in parallel and never write.
 */
@FunctionalInterface
public interface Verifier {
    VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target);

    /** Like {@link #verify}, but throws {@link VerificationFailedException} carrying the report when it did not pass. */
    default VerificationReport verifyOrThrow(DatabaseEndpoint source, DatabaseEndpoint target) {
        VerificationReport report = verify(source, target);
        if (!report.passed()) {
            throw new VerificationFailedException(report);
        }
        return report;
    }

    /** Runs each verifier in turn and merges their reports. */
    static Verifier allOf(Verifier... verifiers) {
        List<Verifier> all = List.of(verifiers);
        all.forEach(v -> Objects.requireNonNull(v, "verifier"));
        return (source, target) -> {
            VerificationReport report = VerificationReport.empty();
            for (Verifier v : all) {
                report = report.merge(v.verify(source, target));
            }
            return report;
        };
    }
}
