package dev.rehome.core.cutover;

import java.util.List;
import java.util.Objects;

/**
 * A change rehome committed to the deployments repo: the branch to review and merge, its commit, the files it
 * changed (repo-relative) and the unified diff to print. Immutable.
 */
public record GitOpsChange(String branch, String commit, List<String> files, String diff) {
    public GitOpsChange {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        files = List.copyOf(files);
        Objects.requireNonNull(diff, "diff");
    }
}
