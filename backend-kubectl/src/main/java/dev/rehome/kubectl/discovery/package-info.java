/**
 * Finds what a move needs before anything changes: the standalone source database behind a workload (its
 * container, credentials, data directory and the one PVC/PV holding it, and every PVC that is not its), and
 * the CloudNativePG target cluster (health, primary, major version, operator version, real backup coverage).
 */
package dev.rehome.kubectl.discovery;
