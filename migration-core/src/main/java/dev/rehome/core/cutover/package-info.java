/**
 * The cutover's vocabulary, free of third-party types: the ports it drives (workloads, volumes, backups, network,
 * databases, secrets, provisioner, health check), the values they exchange, {@link dev.rehome.core.cutover.CutoverConfig}
 * (every name and limit of one move) and the outcome. Implementations live in backend-kubectl (Kubernetes),
 * migration-cutover (the steps and the composition of both backends) and migration-sandbox (in-process worlds).
 */
package dev.rehome.core.cutover;
