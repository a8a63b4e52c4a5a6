/**
 * The basketball-api cutover: {@link dev.rehome.basketball.BasketballPlanner} turns a configuration and the
 * ports to the cluster and the databases into a {@link dev.rehome.core.MigrationPlan} of journaled steps.
 */
package dev.rehome.basketball;
