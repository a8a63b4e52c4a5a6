package dev.rehome.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.cutover.LocalEngines;
import dev.rehome.sandbox.LocalDatabases;
import dev.rehome.sandbox.Sandbox;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import dev.rehome.jdbc.fence.FenceHandle;
import dev.rehome.jdbc.fence.FencePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The undo of the fence puts the app back up even when the fence cannot be lifted, and says how to lift it. */
@Timeout(120)
class QuiesceUndoIT {
    private final Clock clock = Clock.systemUTC();

    @TempDir
    Path work;

    @Test
    void theAppIsScaledBackEvenWhenTheSourceCannotBeReachedToLiftTheFence() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        try (Sandbox world = Sandbox.start(work, clock)) {
            CutoverPorts p = world.ports(LocalEngines.catalog(clock), LocalEngines.verifier("basketball"));
            LocalDatabases unreachableSource = new LocalDatabases(DatabaseEndpoint.of("127.0.0.1", closedPort,
                    "basketball", "postgres", Secret.empty()), Sandbox.APP_ROLE, world.target().endpoint("postgres"));
            CutoverPorts ports = new CutoverPorts(p.workloads(), p.secrets(), p.volumes(), p.backups(), p.network(),
                    unreachableSource, p.provisioner(), p.lock(), p.engines(), p.verifier(), p.health(), p.journal());
            Cutover cutover = new Cutover(world.config(), ports, RunOptions.defaults("it"));
            WorkloadRef app = new WorkloadRef("basketball-api", "basketball-api");
            world.cluster().scale(app, 0, Duration.ofSeconds(5));
            Map<String, String> facts = new HashMap<>(Map.of(Facts.FENCED, "true", Facts.REPLICAS_BEFORE, "1",
                    FencedSource.HANDLE, FenceHandle.of(new FencePlan.DisableLogin("basketball", Sandbox.APP_ROLE,
                            "postgres", false, true, "sandbox"), "run1").encode()));

            assertThatThrownBy(() -> new QuiesceStep(cutover).undo(new StepContext(MigrationListener.NONE, clock, facts, () -> { })))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("scaled back to 1").hasMessageContaining("could not be lifted").hasMessageContaining("run rollback again");
            assertThat(world.cluster().replicas(app)).as("the app is back up").isEqualTo(1);
        }
    }
}
