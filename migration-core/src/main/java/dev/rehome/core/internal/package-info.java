/** Private implementation. No compatibility guarantees provided. */
package dev.rehome.core.internal;
