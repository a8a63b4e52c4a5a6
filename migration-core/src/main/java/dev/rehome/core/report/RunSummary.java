package dev.rehome.core.report;

import dev.rehome.core.CopyResult;
import dev.rehome.core.VerificationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of {@code copy} or {@code verify} did, for the Markdown and JSON reports. {@code facts} are the
 * lines of the header table in order (source, target, engine, ...; never a password). {@code copy} is absent
 * for a verify-only run; {@code verification} is empty when nothing was verified. {@code error} is the one-line
 * reason a run failed before it could verify. Immutable.
 */
public record RunSummary(String command, Map<String, String> facts, Optional<CopyResult> copy,
                         VerificationReport verification, List<String> notices, Duration duration,
                         Optional<String> error) {
    public RunSummary {
        Objects.requireNonNull(command, "command");
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(verification, "verification");
        notices = List.copyOf(notices);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }

    /** Passed: no error and no finding. */
    public boolean passed() {
        return error.isEmpty() && verification.passed();
    }

    /** {@code passed} or {@code failed}, as in the JSON report. */
    public String result() {
        return passed() ? "passed" : "failed";
    }

    /** Notices of the copy followed by the run's own, without repeats. */
    public List<String> allNotices() {
        List<String> all = new ArrayList<>(copy.map(CopyResult::notices).orElse(List.of()));
        notices.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return all;
    }

    /** The same summary with an error: the run stopped for {@code reason}. */
    public RunSummary failedWith(String reason) {
        return new RunSummary(command, facts, copy, verification, notices, duration, Optional.of(reason));
    }
}
