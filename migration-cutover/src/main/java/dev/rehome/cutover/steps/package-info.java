/**
 * The cutover's steps, each idempotent and journaled, and the SQL they run against the two servers (fence,
 * witnesses, invariants, provisioning). Every identifier is quoted; values are bound as parameters.
 */
package dev.rehome.cutover.steps;
