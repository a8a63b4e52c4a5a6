/** TLS towards the CNPG target: the mode, the cluster's CA read from its Secret, the name the certificate must carry. */
package dev.rehome.kubectl.tls;
