/**
 * PostgreSQL over JDBC: connections from {@link dev.rehome.core.DatabaseEndpoint}s, the parallel COPY engine
 * ({@code jdbc-direct}) and the verifiers that compare two databases with SQL.
 */
package dev.rehome.jdbc;
