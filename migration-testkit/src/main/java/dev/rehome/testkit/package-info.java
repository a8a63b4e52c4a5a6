/**
 * Real parts for tests and the sandbox: embedded PostgreSQL servers of a chosen major version, an in-process
 * Kubernetes API, pod exec emulated with local processes, a fake CNPG operator loop, and fixture databases.
 */
package dev.rehome.testkit;
