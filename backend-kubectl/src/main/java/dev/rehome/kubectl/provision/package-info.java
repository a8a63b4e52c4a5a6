/**
 * Provisioning an app's role, database and Secrets on a shared CloudNativePG cluster: declaratively where the
 * operator version allows ({@code managed.roles} or {@code DatabaseRole}, {@code Database} CR), SQL through
 * the primary otherwise. Passwords never travel in SQL or argv: CNPG reads them from the role's basic-auth
 * Secret. Everything carries a {@code rehome:<plan>} marker so reruns reuse what rehome made and refuse what
 * it did not.
 */
package dev.rehome.kubectl.provision;
