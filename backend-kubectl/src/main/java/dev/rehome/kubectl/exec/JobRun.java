package dev.rehome.kubectl.exec;

import java.time.Duration;
import java.util.Objects;

/** A Job that succeeded: which one, and how long rehome waited for it. */
public record JobRun(String namespace, String name, Duration duration) {
    public JobRun {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duration, "duration");
    }

    public String describe() {
        return "in Job '" + namespace + "/" + name + "'";
    }
}
