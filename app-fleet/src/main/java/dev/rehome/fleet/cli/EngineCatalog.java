package dev.rehome.fleet.cli;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.kubectl.dump.DumpRestoreEngine;
import dev.rehome.core.spi.LocalCommandRunner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The copy engines the CLI offers, by id. {@code dump-restore} is the default: it is pg_dump and pg_restore
 * themselves, the most trusted path; {@code jdbc-direct} copies tables in parallel over JDBC. Immutable.
 */
public final class EngineCatalog {
    public static final String DEFAULT = DumpRestoreEngine.ID;
    private final Map<String, Supplier<CopyEngine>> engines;

    public EngineCatalog(Map<String, Supplier<CopyEngine>> engines) {
        this.engines = new LinkedHashMap<>(engines);
    }

    /** The engines of this build, running pg_dump/pg_restore as local processes, timed by {@code clock}. */
    public static EngineCatalog standard(Clock clock) {
        Map<String, Supplier<CopyEngine>> engines = new LinkedHashMap<>();
        engines.put(DumpRestoreEngine.ID, () -> {
            LocalCommandRunner local = new LocalCommandRunner();
            return new DumpRestoreEngine(local, local, clock);
        });
        engines.put(JdbcDirectEngine.ID, () -> new JdbcDirectEngine(clock));
        return new EngineCatalog(engines);
    }

    public List<String> ids() {
        return List.copyOf(engines.keySet());
    }

    public CopyEngine create(String id) {
        Supplier<CopyEngine> engine = engines.get(id);
        if (engine == null) {
            throw new InvalidConfigurationException("unknown engine '" + id + "'; choose one of " + ids());
        }
        return engine.get();
    }
}
