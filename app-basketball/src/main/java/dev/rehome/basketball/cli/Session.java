package dev.rehome.basketball.cli;

import dev.rehome.cutover.CutoverRunner;
import dev.rehome.core.cutover.CutoverConfig;
import java.util.Objects;

/** One command's world: the configuration, the runner over its ports, and what to close afterwards. */
record Session(CutoverConfig config, CutoverRunner runner, AutoCloseable resources, String retryHint)
        implements AutoCloseable {
    Session {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(resources, "resources");
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
