package dev.rehome.core.cutover;

import java.util.Objects;

/**
 * A workload by kind, namespace and name. Most callers mean the app's Deployment, so the two-argument form is one;
 * the fleet also quiesces and re-points StatefulSets and CronJobs that use the same database.
 */
public record WorkloadRef(Kind kind, String namespace, String name) {
    /**
     * What {@link Workloads} does with each kind. A CronJob has no replicas: its "replica count" is 1 while it
     * schedules and 0 while {@code spec.suspend} is true, so quiescing one suspends it.
     */
    public enum Kind {
        DEPLOYMENT("Deployment"), STATEFUL_SET("StatefulSet"), CRON_JOB("CronJob");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The Kubernetes kind: {@code Deployment}, {@code StatefulSet}, {@code CronJob}. */
        public String label() {
            return label;
        }

        /** The kind whose Kubernetes name is {@code label}. */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("not a workload kind rehome drives: " + label);
        }
    }

    public WorkloadRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** A Deployment. */
    public WorkloadRef(String namespace, String name) {
        this(Kind.DEPLOYMENT, namespace, name);
    }

    /** {@code Kind namespace/name}, e.g. {@code StatefulSet shop/worker}. */
    public String describe() {
        return kind.label() + " " + this;
    }

    /** {@code namespace/name}, as before kinds existed (journals and messages print it). */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
