package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.CopyEngines;
import dev.rehome.core.CopyEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The live engines under the fleet's names too: on a real cluster {@code dump-restore} already runs as a Job next
 * to the target, so {@code dump-restore-job} (the default with {@code --parallel} above 1) is that same engine.
 */
final class InClusterEngineAlias implements CopyEngines {
    static final String JOB = "dump-restore-job";
    private static final String DUMP_RESTORE = "dump-restore";

    private final CopyEngines live;

    InClusterEngineAlias(CopyEngines live) {
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public List<String> ids() {
        List<String> ids = new ArrayList<>(live.ids());
        ids.add(JOB);
        return List.copyOf(ids);
    }

    @Override
    public CopyEngine get(String id) {
        return live.get(JOB.equals(id) ? DUMP_RESTORE : id);
    }
}
