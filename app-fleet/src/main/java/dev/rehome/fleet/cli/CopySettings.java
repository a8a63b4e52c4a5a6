package dev.rehome.fleet.cli;

import dev.rehome.core.CopyOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What {@code copy} was asked to do, besides the two databases. Immutable. */
record CopySettings(String engine, int jobs, Optional<String> owner, String verifyLevel, boolean clean) {
    CopySettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(verifyLevel, "verifyLevel");
    }

    CopyOptions copyOptions() {
        return new CopyOptions(jobs, owner);
    }

    /** The header lines of the report. */
    Map<String, String> facts(EndpointOptions.Endpoints endpoints) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("source", endpoints.source().describe());
        facts.put("target", endpoints.target().describe());
        facts.put("engine", engine);
        facts.put("jobs", Integer.toString(jobs));
        owner.ifPresent(o -> facts.put("owner", o));
        facts.put("verify", verifyLevel);
        return facts;
    }
}
