package dev.rehome.cutover.fleet;

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

/** The copy engines and verification a fleet move uses when both servers are reachable from this machine. */
public final class FleetEngines {
    private FleetEngines() {
    }

    public static EngineCatalog local(Clock clock) {
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
