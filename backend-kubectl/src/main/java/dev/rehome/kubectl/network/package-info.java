/**
 * Whether pods of the app namespace may reach the CNPG pods on 5432 under the NetworkPolicies in force, and the
 * exact policy (and Terraform allow-list line) that would admit them when they may not.
 */
package dev.rehome.kubectl.network;
