package dev.rehome.kubectl.workload;

import java.util.Objects;
import java.util.Optional;

/**
 * Evidence that ArgoCD manages an object: the Application's name, how it was recognised, and whether that
 * Application self-heals (empty when the Application could not be read).
 */
public record ArgoCdTracking(String application, String evidence, Optional<Boolean> selfHeal) {
    public ArgoCdTracking {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(selfHeal, "selfHeal");
    }
}
