package dev.rehome.cutover.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.RefusedException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FleetRunTest {
    private final List<String> started = new CopyOnWriteArrayList<>();

    private FleetRun.Task task(String db, MoveStatus status, int exit) {
        return new FleetRun.Task(db, "postgres/pal-e-postgres", () -> {
            started.add(db);
            return new MoveOutcome(db, "postgres/pal-e-postgres/x", status, status.label(), exit, Optional.empty());
        });
    }

    @Test
    void goesOnAfterARefusalAndACleanRollbackAndReportsTheWorstExitCode() {
        FleetReport r = new FleetRun(Clock.systemUTC()).run(List.of(task("a/postgres", MoveStatus.ROLLED_BACK, 1),
                task("b/postgres", MoveStatus.REFUSED, 3), task("c/postgres", MoveStatus.MOVED, 0)), 1);
        assertThat(started).containsExactly("a/postgres", "b/postgres", "c/postgres");
        assertThat(r.outcomes()).extracting(MoveOutcome::status)
                .containsExactly(MoveStatus.ROLLED_BACK, MoveStatus.REFUSED, MoveStatus.MOVED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stoppedBy()).isEmpty();
    }

    @Test
    void stopsStartingMovesAfterAFailureThatDidNotRollBack() {
        FleetReport r = new FleetRun(Clock.systemUTC()).run(List.of(task("a/postgres", MoveStatus.MOVED, 0),
                task("b/postgres", MoveStatus.FAILED, 5), task("c/postgres", MoveStatus.MOVED, 0)), 1);
        assertThat(started).containsExactly("a/postgres", "b/postgres");
        assertThat(r.outcomes().get(2).status()).isEqualTo(MoveStatus.REFUSED);
        assertThat(r.outcomes().get(2).reason()).contains("stopped after b/postgres");
        assertThat(r.stoppedBy()).contains("b/postgres");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(FleetReportMarkdown.render(r)).contains("| b/postgres | postgres/pal-e-postgres/x | FAILED, not rolled back |");
    }

    @Test
    void reportsAPlanThatCouldNotBeDerivedAsRefusedWithItsReason() {
        FleetRun.Task refused = new FleetRun.Task("d/postgres", "postgres/pal-e-postgres", () -> {
            throw new RefusedException("no Deployment in d has env pointing at Service postgres");
        });
        FleetReport r = new FleetRun(Clock.systemUTC()).run(List.of(refused, task("e/postgres", MoveStatus.MOVED, 0)), 2);
        assertThat(r.outcomes().get(0).status()).isEqualTo(MoveStatus.REFUSED);
        assertThat(r.outcomes().get(0).reason()).contains("no Deployment in d");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(FleetReportJson.render(r)).contains("\"status\" : \"refused\"").contains("\"status\" : \"moved\"");
    }

    @Test
    void allMovedExitsZero() {
        FleetReport r = new FleetRun(Clock.systemUTC()).run(List.of(task("a/postgres", MoveStatus.MOVED, 0),
                task("b/postgres", MoveStatus.MOVED, 0)), 2);
        assertThat(r.exitCode()).isZero();
        assertThat(started).containsExactlyInAnyOrder("a/postgres", "b/postgres");
    }
}
