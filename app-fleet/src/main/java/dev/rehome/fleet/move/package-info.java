/**
 * Fleet moves: derive the basketball-style cutover for any standalone PostgreSQL from what discovery finds
 * ({@link dev.rehome.fleet.move.FleetPlanner}), run one or many of them ({@link dev.rehome.fleet.move.FleetRun}),
 * and report per database: moved and verified, rolled back, refused, or failed.
 */
package dev.rehome.fleet.move;
