/**
 * The cutover report: Markdown a platform engineer pastes into the ticket (steps and timings, verification,
 * invariants before and after, the backup, the GitOps branch and diff, what retire will do), and the same facts
 * as JSON for scripts. Built from the run's result and journal facts only, so it never holds a secret.
 */
package dev.rehome.cutover.report;
