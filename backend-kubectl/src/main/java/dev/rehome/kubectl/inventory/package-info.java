/**
 * Read-only inventory of a whole cluster for the backup-coverage audit: every data store, the volumes its data
 * lives on and what backs it up (CloudNativePG, Velero, Kasten K10, VolumeSnapshots).
 *
 * <p>Every kind is listed once across all namespaces, so the number of API requests does not grow with the number
 * of namespaces. Only when RBAC forbids a cluster-wide list does {@link dev.rehome.kubectl.inventory.InventoryReader}
 * fall back to one list per namespace, and what stays forbidden is reported, never fatal. Nothing here writes.
 */
package dev.rehome.kubectl.inventory;
