/**
 * The cutover's settings: defaults that name the real cluster's objects, and a YAML file that overrides any of
 * them, so the same plan serves another app. Unknown keys and blank required values are errors naming the key.
 */
package dev.rehome.cutover.config;
