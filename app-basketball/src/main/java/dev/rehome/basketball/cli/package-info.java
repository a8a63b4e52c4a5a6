/**
 * The {@code rehome-basketball} command line (picocli): plan, migrate, verify, rollback, retire, status; exit
 * codes from the contract; progress on stderr, the Markdown report on stdout, detail in the log file.
 */
package dev.rehome.basketball.cli;
