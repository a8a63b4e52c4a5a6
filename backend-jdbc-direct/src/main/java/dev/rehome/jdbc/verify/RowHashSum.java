package dev.rehome.jdbc.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Order-independent checksum of a stream of rows in COPY text form: each row (the bytes up to and including its
 * {@code '\n'}) is hashed with MD5, the first 8 bytes taken as a 64-bit number, and the numbers summed modulo
 * 2^64, alongside a row count.
 *
 * <p>Why a sum and not XOR: XOR cancels a row that appears twice, so a table without a key could gain or lose a
 * pair of identical rows unnoticed; a sum does not cancel. Why MD5 and not PostgreSQL's {@code hashtext}: MD5 is
 * defined independently of the server version and the CPU's byte order. Rows may arrive split across
 * {@link #accept} calls at any byte; text COPY escapes newlines inside values, so {@code '\n'} always ends a row.
 * Not thread-safe: one per table and side.
 */
final class RowHashSum {
    private final MessageDigest md5;
    private long rows;
    private long sum;
    private boolean partialRow;

    RowHashSum() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** Feeds the next bytes of the stream; rows may start and end anywhere in {@code bytes}. */
    void accept(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                md5.update(bytes, start, i + 1 - start);
                addRow(md5.digest());
                partialRow = false;
                start = i + 1;
            }
        }
        if (start < end) {
            md5.update(bytes, start, end - start);
            partialRow = true;
        }
    }

    void accept(byte[] bytes) {
        accept(bytes, 0, bytes.length);
    }

    /** The checksum so far; fails when the stream stopped in the middle of a row. */
    ContentChecksum result() {
        if (partialRow) {
            throw new IllegalStateException("the COPY stream ended inside a row");
        }
        return new ContentChecksum(rows, sum);
    }

    /** The first 8 bytes of a row's digest as a big-endian number. */
    static long leading64(byte[] digest) {
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return h;
    }

    private void addRow(byte[] digest) {
        rows++;
        sum += leading64(digest); // long overflow is exactly addition modulo 2^64
    }
}
