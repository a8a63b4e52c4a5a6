/**
 * TLS towards the CNPG target (catalogue case S-2): the mode the user chose and the connection options that carry
 * it to pgjdbc and to libpq's client programs.
 */
package dev.rehome.core.tls;
