/**
 * The cutover against a real cluster: the client from the kubeconfig, both databases reached through loopback
 * port-forwards, the role and database provisioned declaratively on CNPG (no superuser login needed), and the
 * copy engines placed where the data and the right client versions are.
 */
package dev.rehome.cutover.live;
