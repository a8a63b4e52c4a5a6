/**
 * Reports of a copy and its verification for people: Markdown built from {@link dev.rehome.core.CopyResult} and
 * {@link dev.rehome.core.VerificationReport}, pure JDK, so every CLI prints the same summary.
 */
package dev.rehome.core.report;
