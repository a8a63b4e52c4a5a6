/**
 * Port-forwards to pods, bound to the loopback address only (fabric8 binds the wildcard address unless told
 * otherwise), so a local JDBC session or a local pg_restore can reach a database inside the cluster. This is a
 * load path that ends cleanly: the client closes its own connection, unlike stdin over pod exec.
 */
package dev.rehome.kubectl.portforward;
