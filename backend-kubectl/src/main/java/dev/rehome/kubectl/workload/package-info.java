/**
 * Control of the app's workload during a cutover: scale down and wait until no pod runs, re-point an env var,
 * scale back up and wait for readiness, probe health; and the ArgoCD guard that refuses imperative edits
 * self-heal would revert.
 */
package dev.rehome.kubectl.workload;
