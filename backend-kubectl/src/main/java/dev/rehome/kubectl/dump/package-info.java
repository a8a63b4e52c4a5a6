/**
 * The {@code dump-restore} copy engine: pg_dump piped into pg_restore through any
 * {@link dev.rehome.core.spi.CommandRunner}, with ownership and privilege replay done afterwards in one psql
 * transaction.
 */
package dev.rehome.kubectl.dump;
