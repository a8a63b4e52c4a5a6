package dev.rehome.core.cutover;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The copy engines on offer, created on demand. Immutable. */
public final class EngineCatalog implements CopyEngines {
    private final Map<String, Supplier<CopyEngine>> engines;

    public EngineCatalog(Map<String, Supplier<CopyEngine>> engines) {
        this.engines = new LinkedHashMap<>(engines);
    }

    @Override
    public List<String> ids() {
        return List.copyOf(engines.keySet());
    }

    @Override
    public CopyEngine get(String id) {
        Supplier<CopyEngine> s = engines.get(id);
        if (s == null) {
            throw new InvalidConfigurationException("--engine " + id + " is not available here; choose one of " + ids());
        }
        return s.get();
    }
}
