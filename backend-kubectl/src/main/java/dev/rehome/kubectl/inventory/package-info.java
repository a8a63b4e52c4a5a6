/**
 * Read-only inventory of a whole cluster for the backup-coverage audit: every data store, the volumes its data
 * lives on and what backs it up (CloudNativePG, Velero, Kasten K10, VolumeSnapshots, dump CronJobs, the Zalando and
 * Crunchy operators), and which workloads use it.
 *
 * <p>Each mechanism gives a {@link dev.rehome.kubectl.inventory.Verdict} per data store that answers two questions
 * apart: can it capture these volumes (a file-system backup cannot read hostPath; a snapshot needs a CSI driver
 * with a VolumeSnapshotClass; a dump must leave the node), and did it succeed within two periods of its schedule.
 * Every verdict names its evidence, so a green line can be checked with {@code kubectl get}.
 *
 * <p>Every kind is listed once across all namespaces, so the number of API requests does not grow with the number
 * of namespaces. Only when RBAC forbids a cluster-wide list does {@link dev.rehome.kubectl.inventory.InventoryReader}
 * fall back to one list per namespace, and what stays forbidden is reported, never fatal. Nothing here writes.
 */
package dev.rehome.kubectl.inventory;
