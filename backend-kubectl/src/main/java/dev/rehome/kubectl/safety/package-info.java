/**
 * Guards around data: PV reclaim policy to Retain, deletes that only hit the exact object version that was
 * verified, a Lease-based lock per target database, and the run journal in a ConfigMap.
 */
package dev.rehome.kubectl.safety;
