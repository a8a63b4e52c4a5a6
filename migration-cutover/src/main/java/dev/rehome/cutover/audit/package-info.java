/**
 * Renders an {@link dev.rehome.core.audit.AuditReport} for people (a terminal table, Markdown for a ticket) and
 * for scripts (JSON, the contract in architecture.md).
 */
package dev.rehome.cutover.audit;
