/**
 * The {@code rehome-fleet} command line: picocli commands ({@code copy}, {@code verify}; more are added to
 * {@link dev.rehome.fleet.cli.FleetMain}'s subcommand list), password lookup, target preparation, progress and
 * the mapping of failures to exit codes.
 */
package dev.rehome.fleet.cli;
