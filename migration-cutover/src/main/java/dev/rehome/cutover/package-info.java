/**
 * The cutover of one standalone PostgreSQL into a CNPG cluster: {@link dev.rehome.cutover.CutoverPlanner} turns a configuration and the
 * ports to the cluster and the databases into a {@link dev.rehome.core.MigrationPlan} of journaled steps.
 */
package dev.rehome.cutover;
