/**
 * TLS fixtures: a test CA that issues server certificates with chosen names, for embedded PostgreSQL servers
 * started with {@code ssl=on} ({@link dev.rehome.testkit.PostgresServers#startTls}).
 */
package dev.rehome.testkit.tls;
