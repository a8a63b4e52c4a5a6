package dev.rehome.kubectl.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The status fields a scale-up waits on, read alike from a Deployment and a StatefulSet. */
record ReadyCount(Long observedGeneration, Integer ready, Integer updated) {
    /** Null while the controller has written no status yet. */
    static ReadyCount of(HasMetadata o) {
        if (o instanceof Deployment d) {
            var s = d.getStatus();
            return s == null ? null : new ReadyCount(s.getObservedGeneration(), s.getReadyReplicas(), s.getUpdatedReplicas());
        }
        var s = ((StatefulSet) o).getStatus();
        return s == null ? null : new ReadyCount(s.getObservedGeneration(), s.getReadyReplicas(), s.getUpdatedReplicas());
    }
}
