package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.WorkloadRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload other than the app's var that uses the database through env vars the fleet re-points with the app:
 * its ref, those vars, and whether it is the app's own Deployment (a second var there is re-pointed, but the
 * workload is scaled by the app's steps, not twice). Immutable.
 */
record Consumer(WorkloadRef ref, List<AppReference> references, boolean app) {
    Consumer {
        Objects.requireNonNull(ref, "ref");
        references = List.copyOf(references);
    }

    /** The env references of {@code others}, grouped by workload, in the order found. */
    static List<Consumer> of(String namespace, AppReference app, List<AppReference> others) {
        Map<WorkloadRef, List<AppReference>> byWorkload = new LinkedHashMap<>();
        others.stream().filter(AppReference::repointable).forEach(r -> byWorkload.computeIfAbsent(
                new WorkloadRef(WorkloadRef.Kind.of(r.kind()), namespace, r.workload()), k -> new ArrayList<>()).add(r));
        return byWorkload.entrySet().stream().map(e -> new Consumer(e.getKey(), e.getValue(),
                e.getKey().kind() == WorkloadRef.Kind.DEPLOYMENT && e.getKey().name().equals(app.workload()))).toList();
    }

    /** The journal key of a fact about this workload; the kind is part of it, as names repeat across kinds. */
    String fact(String what) {
        return "fleet.consumer." + ref.kind().label() + "." + ref.name() + "." + what;
    }
}
