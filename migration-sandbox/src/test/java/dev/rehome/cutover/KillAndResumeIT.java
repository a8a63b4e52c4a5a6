package dev.rehome.cutover;

import dev.rehome.core.cutover.CutoverOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.StepStatus;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run killed right after each step (the process dies: nothing is undone, the journal shows the step still
 * running) and started again finishes the cutover with exactly one copy of the data.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@ExtendWith(SharedServers.Resolver.class)
class KillAndResumeIT {
    /** What a kill -9 looks like to the plan: an Error no step or migrator handles. */
    static final class SimulatedKill extends Error {
        SimulatedKill(String step) {
            super("killed after " + step);
        }
    }

    @TempDir
    Path dir;
    private SandboxWorld world;

    @BeforeEach
    void start(SharedServers servers) {
        world = new SandboxWorld(servers.source, servers.target, dir, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    static List<String> steps() {
        return List.of("preflight", "lock", "provision", "fingerprint", "quiesce", "copy", "verify", "repoint",
                "scale-up", "prove-backup");
    }

    @ParameterizedTest(name = "killed after {0}")
    @MethodSource("steps")
    void aRunKilledAfterAStepFinishesOnRerunWithOneCopyOfTheData(String killAfter) {
        assertThatThrownBy(() -> world.runner(killAfter(killAfter)).migrate()).isInstanceOf(SimulatedKill.class);
        assertThat(world.runner().status().step(killAfter)).hasValueSatisfying(
                r -> assertThat(r.status()).isEqualTo(StepStatus.RUNNING));

        CutoverOutcome rerun = world.runner().migrate();

        assertThat(rerun.result().succeeded()).as(rerun.result().steps().toString()).isTrue();
        assertThat(world.targetLong("basketball", "SELECT count(*) FROM public.players")).isEqualTo(BasketballFixture.PLAYERS);
        assertThat(world.targetLong("basketball", "SELECT count(*) FROM public.orders")).isEqualTo(BasketballFixture.ORDERS);
        assertThat(world.targetLong("basketball", "SELECT count(*) FROM pg_class WHERE relname = 'players'")).isEqualTo(1);
        assertThat(world.cluster().replicas(SandboxWorld.APP)).isEqualTo(1);
        assertThat(world.runner().status().steps()).allSatisfy(r -> assertThat(r.status()).isEqualTo(StepStatus.SUCCEEDED));
    }

    private static UnaryOperator<Step> killAfter(String id) {
        return step -> !step.id().equals(id) ? step : new Step() {
            @Override
            public String id() {
                return step.id();
            }

            @Override
            public String title() {
                return step.title();
            }

            @Override
            public void run(StepContext context) throws Exception {
                step.run(context);
                throw new SimulatedKill(id);
            }

            @Override
            public boolean pointOfNoReturn() {
                return step.pointOfNoReturn();
            }
        };
    }
}
