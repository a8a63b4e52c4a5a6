/** pgjdbc's side of TLS towards the CNPG target: the certificate checked against the Service name. */
package dev.rehome.jdbc.tls;
