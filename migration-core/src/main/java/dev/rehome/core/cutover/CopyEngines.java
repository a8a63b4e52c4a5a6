package dev.rehome.core.cutover;

import dev.rehome.core.CopyEngine;
import java.util.List;

/** Port: the copy engines on offer, by their command-line id. */
public interface CopyEngines {
    List<String> ids();

    /** The engine {@code id}; throws {@link dev.rehome.core.InvalidConfigurationException} naming the ids on offer. */
    CopyEngine get(String id);
}
