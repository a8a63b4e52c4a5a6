/** Network faults for tests: a loopback proxy that can black-hole, cut or slow the streams it relays. */
package dev.rehome.testkit.net;
