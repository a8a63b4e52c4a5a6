package dev.rehome.cutover.steps;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the app still reads its database from the Secret the re-point wrote. Something may have put the old
 * definition back since (ArgoCD self-heal, a {@code kubectl apply} of the old manifest, an unmerged GitOps branch):
 * then the old database is the app's database again. Retire refuses on it; {@code status --check-drift} reports it.
 */
public final class AppDrift {
    private final Cutover cutover;

    public AppDrift(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    /** What drifted, or empty while the app reads the new home's Secret. Reads the cluster only. */
    public Optional<String> find() {
        var a = cutover.config().app();
        if (cutover.ports().workloads().envReadsSecret(cutover.app(), a.container(), a.envVar(), a.connectionSecret(),
                a.connectionSecretKey())) {
            return Optional.empty();
        }
        return Optional.of("Deployment " + cutover.app() + " env " + a.envVar() + " no longer points to the new home"
                + " (Secret " + a.connectionSecret() + " key " + a.connectionSecretKey() + "): something put another"
                + " definition back since the cutover (ArgoCD self-heal? an unmerged GitOps branch? a kubectl apply?)");
    }

    /** Where the app should read its database from, for a report that found no drift. */
    public String expected() {
        var a = cutover.config().app();
        return "Deployment " + cutover.app() + " env " + a.envVar() + " reads Secret " + a.connectionSecret() + " key "
                + a.connectionSecretKey() + " (the new home)";
    }
}
