/** Clocks for tests: time moves when the test says, never by sleeping. */
package dev.rehome.testkit.time;
