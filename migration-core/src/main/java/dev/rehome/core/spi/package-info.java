/**
 * Contracts that backends implement (command runners, engine providers). This package may evolve faster than
 * {@code dev.rehome.core}.
 */
package dev.rehome.core.spi;
