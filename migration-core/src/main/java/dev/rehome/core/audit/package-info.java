/**
 * The result of a backup-coverage audit of a cluster, as plain values: which data stores exist, what backs them
 * up ({@link dev.rehome.core.audit.Coverage}), how bad the gap is ({@link dev.rehome.core.audit.Severity}) and
 * what could not be read. Backends produce an {@link dev.rehome.core.audit.AuditReport}; apps render it.
 */
package dev.rehome.core.audit;
