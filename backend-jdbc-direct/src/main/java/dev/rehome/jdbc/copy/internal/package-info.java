/**
 * Private helpers of the jdbc-direct engine (SQL script splitting, local processes, task pools). No compatibility
 * guarantees.
 */
package dev.rehome.jdbc.copy.internal;
