package dev.rehome.core;

import java.util.Objects;

/** Source and target differ; {@link #report()} holds every finding. */
public class VerificationFailedException extends MigrationException {
    private final VerificationReport report;

    public VerificationFailedException(VerificationReport report) {
        super(ErrorCode.VERIFICATION_FAILED, summary(report));
        this.report = Objects.requireNonNull(report, "report");
    }

    public VerificationReport report() {
        return report;
    }

    private static String summary(VerificationReport report) {
        var findings = report.findings();
        if (findings.isEmpty()) {
            return "verification failed";
        }
        var first = findings.get(0);
        return "verification failed: " + findings.size() + " finding(s), first: " + first.describe();
    }
}
