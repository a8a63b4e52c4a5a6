/**
 * Fleet moves: derive the cutover for any standalone PostgreSQL from what discovery finds
 * ({@link dev.rehome.cutover.fleet.FleetPlanner}), run one or many of them ({@link dev.rehome.cutover.fleet.FleetRun}),
 * and report per database: moved and verified, rolled back, refused, or failed.
 */
package dev.rehome.cutover.fleet;
