/**
 * rehome's public API: plans, steps, copy engines, verifiers, reports and the exception family.
 *
 * <p>Nothing here names a fabric8, pgjdbc or jdbi type; backends bring those.
 */
package dev.rehome.core;
