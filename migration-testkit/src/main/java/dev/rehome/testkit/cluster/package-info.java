/**
 * Manifests that reproduce the real cluster (basketball-api, mcd-tracker and pal-e-mail with standalone
 * postgres Deployments; the shared CloudNativePG cluster pal-e-postgres in namespace postgres; ArgoCD), and the
 * loader that puts them into an API server for tests and the sandbox.
 */
package dev.rehome.testkit.cluster;
