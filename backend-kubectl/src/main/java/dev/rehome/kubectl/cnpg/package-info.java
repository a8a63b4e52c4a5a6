/**
 * CloudNativePG kinds as fabric8 {@code GenericKubernetesResource}s (no generated models): their
 * {@code ResourceDefinitionContext}s, typed reads of the few fields rehome needs, and the operator version that
 * gates declarative features.
 */
package dev.rehome.kubectl.cnpg;
