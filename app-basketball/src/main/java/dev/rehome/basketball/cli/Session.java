package dev.rehome.basketball.cli;

import dev.rehome.basketball.CutoverRunner;
import dev.rehome.basketball.config.BasketballConfig;
import java.util.Objects;

/** One command's world: the configuration, the runner over its ports, and what to close afterwards. */
record Session(BasketballConfig config, CutoverRunner runner, AutoCloseable resources, String retryHint)
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
