package dev.rehome.jdbc.verify;

/** Rows and the modulo-2^64 sum of their 64-bit hashes for one table on one side; see {@link RowHashSum}. */
record ContentChecksum(long rows, long sum) {
    /** The sum as 16 lower-case hex digits, as reports show it. */
    String hex() {
        return String.format("%016x", sum);
    }

    /** {@code hex (N rows)}: how a finding shows one side's checksum. */
    String describe() {
        return hex() + " (" + rows + (rows == 1 ? " row)" : " rows)");
    }
}
