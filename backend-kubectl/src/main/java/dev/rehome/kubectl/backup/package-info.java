/**
 * Backups of the target CNPG cluster: an on-demand {@code Backup} awaited to completion, and a sanity check of
 * its {@code ScheduledBackup}s (six-field cron, not suspended, recently run) with the time of the next run.
 */
package dev.rehome.kubectl.backup;
