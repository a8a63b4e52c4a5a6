package dev.rehome.core.cutover;

/** Port: the NetworkPolicy verdict for app pods reaching the target cluster. */
public interface Network {
    NetworkVerdict verdict(WorkloadRef app, String targetNamespace, String cluster);
}
