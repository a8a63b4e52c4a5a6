package dev.rehome.cutover.steps;

import java.util.OptionalDouble;

/**
 * What the downtime estimate is made of, read off the source before anything changes: how many tables and how
 * many bytes of tables and indexes there are, and how fast this server turns its rows into text
 * ({@code bytesPerSecond}, sampled from the biggest table; empty when the sample was too small to mean anything).
 */
record SourceSample(long tables, long tableBytes, long indexBytes, OptionalDouble bytesPerSecond) {
    static SourceSample unknown(long databaseBytes) {
        return new SourceSample(0, databaseBytes, 0, OptionalDouble.empty());
    }
}
