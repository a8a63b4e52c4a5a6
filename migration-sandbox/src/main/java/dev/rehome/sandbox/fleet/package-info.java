/**
 * The fleet sandbox: the real cluster's manifests in an in-process API (for the audit and discovery), one
 * embedded PostgreSQL 15 per standalone app loaded with its fixture, one embedded PostgreSQL 17 playing
 * pal-e-postgres, the basketball sandbox's in-memory cluster behind the cutover ports, and stand-in apps whose
 * health checks log in through whatever their env points at.
 */
package dev.rehome.sandbox.fleet;
