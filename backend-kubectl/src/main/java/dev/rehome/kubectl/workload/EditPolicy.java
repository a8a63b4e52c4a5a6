package dev.rehome.kubectl.workload;

/** What to do when an object to be edited imperatively is managed by ArgoCD. */
public enum EditPolicy {
    /** Refuse: the edit belongs in Git ({@code --gitops-dir}), or self-heal would revert it within seconds. */
    REFUSE_GITOPS_MANAGED,
    /** Edit anyway ({@code --allow-argocd-drift}); the caller has paused sync or accepts the revert risk. */
    ALLOW_ARGOCD_DRIFT
}
