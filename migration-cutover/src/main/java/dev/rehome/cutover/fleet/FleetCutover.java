package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.CutoverConfig;
import java.util.List;
import java.util.Objects;

/**
 * One standalone database's cutover as derived from the cluster: the cutover configuration the basketball plan
 * runs with, the app reference it re-points, the other references it found (env vars are re-pointed with the
 * app's; a plan with envFrom or file references is refused before this is made), whether
 * ArgoCD manages the app, and notes on how each value was derived. Immutable.
 */
public record FleetCutover(CutoverConfig config, AppReference app, List<AppReference> otherReferences,
                           boolean argoManaged, List<String> notes) {
    public FleetCutover {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(app, "app");
        otherReferences = List.copyOf(otherReferences);
        notes = List.copyOf(notes);
    }

    /** The workloads whose env vars the move re-points besides the app's one (grouped, in the order found). */
    List<Consumer> consumers() {
        return Consumer.of(config.app().namespace(), app, otherReferences);
    }

    /** {@code NAMESPACE/WORKLOAD} of the standalone database. */
    public String name() {
        return config.source().namespace() + "/" + config.source().deployment();
    }
}
