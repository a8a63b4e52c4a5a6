package dev.rehome.kubectl.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ScheduledBackup judged: its schedule, whether it is suspended, when it last and next runs, and what is
 * wrong with it ({@code problems} empty when it is sane).
 */
public record ScheduleReport(String name, String schedule, boolean suspended, Optional<Instant> lastScheduleTime,
                             Optional<Instant> nextRun, String method, List<String> problems) {
    public ScheduleReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(lastScheduleTime, "lastScheduleTime");
        Objects.requireNonNull(nextRun, "nextRun");
        problems = List.copyOf(problems);
    }

    public boolean sane() {
        return problems.isEmpty();
    }
}
