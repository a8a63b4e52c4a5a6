/**
 * Retrying idempotent Kubernetes API calls through transient failures (429, 5xx, connection resets) with
 * resilience4j, and polling for a condition against an injected {@link java.time.Clock} and a fake-able sleeper.
 */
package dev.rehome.kubectl.retry;
