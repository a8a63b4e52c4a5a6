/**
 * The cutover's ports over a Kubernetes API, as thin adapters of backend-kubectl (workload control, discovery,
 * volume guard and safe deletes, CNPG backups, NetworkPolicy reachability) plus fabric8 for Secrets.
 */
package dev.rehome.kubectl.cutover;
