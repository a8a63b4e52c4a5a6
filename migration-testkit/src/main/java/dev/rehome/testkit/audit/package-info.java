/**
 * An in-process Kubernetes API for audit tests and the audit benchmark: fabric8's mock server in CRUD mode, plus
 * what a real API server does that CRUD mode does not — 404 for custom resources whose CRD is not installed,
 * 403 for what RBAC forbids — and a record of every request, so tests can prove an audit only reads.
 */
package dev.rehome.testkit.audit;
