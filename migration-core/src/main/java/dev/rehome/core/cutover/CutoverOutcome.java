package dev.rehome.core.cutover;

import dev.rehome.core.cutover.GitOpsChange;
import dev.rehome.core.MigrationResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a command ended: the migrator's result, the GitOps change if one was committed, and the notices shown. */
public record CutoverOutcome(MigrationResult result, Optional<GitOpsChange> gitops, List<String> notices) {
    public CutoverOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(gitops, "gitops");
        notices = List.copyOf(notices);
    }
}
