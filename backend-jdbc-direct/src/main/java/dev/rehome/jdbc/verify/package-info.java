/**
 * Verifiers that compare a source and a target PostgreSQL database over JDBC: row counts, content checksums,
 * sequence positions, the schema inventory, large objects and ownership. {@link dev.rehome.jdbc.verify.Verifiers}
 * is the entry point; everything else here is package-private.
 *
 * <p>Every verifier reads both sides at the same time (one session per side, each in one read-only
 * {@code REPEATABLE READ} snapshot), never writes, and reports each difference as a
 * {@link dev.rehome.core.Finding} naming the object and both values.
 */
package dev.rehome.jdbc.verify;
