/**
 * The sandbox behind {@code --sandbox}: embedded source and target servers, a stand-in for the cluster, a
 * throwaway deployments repo and a local health endpoint, so the whole cutover runs on a laptop with only Java.
 */
package dev.rehome.sandbox;
