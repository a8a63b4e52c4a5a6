/**
 * The GitOps path of the re-point and the retire: line-based edits of the app's kustomize overlay in a checkout
 * of the deployments repo (comments and layout kept), committed on a new branch with JGit and never pushed.
 * Protected files (the photo-uploads {@code pvc.yaml}) are proven byte-identical before anything is committed.
 */
package dev.rehome.cutover.gitops;
