package dev.rehome.basketball.cli;

import dev.rehome.basketball.EngineCatalog;
import dev.rehome.core.CopyEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The copy engines this build offers, with both ends of the copy reachable from this machine. */
final class Engines {
    private Engines() {
    }

    static EngineCatalog local() {
        Map<String, Supplier<CopyEngine>> engines = new LinkedHashMap<>();
        return new EngineCatalog(engines);
    }
}
