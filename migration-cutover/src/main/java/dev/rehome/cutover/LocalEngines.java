package dev.rehome.cutover;

import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.CopyEngine;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.kubectl.dump.DumpRestoreEngine;
import dev.rehome.core.spi.LocalCommandRunner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The copy engines and the verification of a move whose two servers are both reachable from this machine (the
 * {@code copy} command, the sandboxes): {@code dump-restore}, the default, is pg_dump and pg_restore themselves, the
 * most trusted path; {@code jdbc-direct} streams tables in parallel over JDBC.
 */
public final class LocalEngines {
    /** The engine used when none is named. */
    public static final String DEFAULT = DumpRestoreEngine.ID;

    private LocalEngines() {
    }

    public static EngineCatalog catalog(Clock clock) {
        Map<String, Supplier<CopyEngine>> engines = new LinkedHashMap<>();
        engines.put(DumpRestoreEngine.ID, () -> new DumpRestoreEngine(new LocalCommandRunner(), new LocalCommandRunner(), clock));
        engines.put(JdbcDirectEngine.ID, () -> new JdbcDirectEngine(clock));
        return new EngineCatalog(engines);
    }

    /** Full content verification, and every target object owned by the app's role. */
    public static Verifier verifier(String targetRole) {
        return Verifier.allOf(Verifiers.forLevel(Verifiers.FULL), Verifiers.ownership(targetRole));
    }
}
