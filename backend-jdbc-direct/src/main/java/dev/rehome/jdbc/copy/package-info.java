/**
 * The {@code jdbc-direct} copy engine's parts: schema DDL from {@code pg_dump}, table data streamed COPY-to-COPY
 * between two pgjdbc sessions on one exported snapshot, then post-data DDL, sequences, large objects and
 * materialized views. {@link dev.rehome.jdbc.JdbcDirectEngine} composes them.
 */
package dev.rehome.jdbc.copy;
