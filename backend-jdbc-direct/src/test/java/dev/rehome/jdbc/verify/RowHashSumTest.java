package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class RowHashSumTest {

    private static ContentChecksum checksum(String... chunks) {
        RowHashSum sum = new RowHashSum();
        for (String chunk : chunks) {
            sum.accept(chunk.getBytes(StandardCharsets.UTF_8));
        }
        return sum.result();
    }

    @Test
    void sameRowsInAnyOrderGiveTheSameChecksum() {
        assertThat(checksum("1\ta\n2\tb\n3\tc\n")).isEqualTo(checksum("3\tc\n1\ta\n2\tb\n"));
    }

    @Test
    void rowsSplitAtAnyByteGiveTheSameChecksumAsWholeRows() {
        ContentChecksum whole = checksum("1\ta\n", "2\tb\n");
        assertThat(checksum("1\t", "a\n2", "\tb", "\n")).isEqualTo(whole);
        assertThat(checksum("1\ta\n2\tb\n")).isEqualTo(whole);
    }

    @Test
    void eachRowAddsTheFirstEightBytesOfItsMd5ModuloTwoToThe64() throws Exception {
        byte[] row = "42\thello\n".getBytes(StandardCharsets.UTF_8);
        byte[] md5 = MessageDigest.getInstance("MD5").digest(row);
        long expected = RowHashSum.leading64(md5) * 3; // wraps exactly like addition modulo 2^64
        assertThat(checksum("42\thello\n42\thello\n42\thello\n")).isEqualTo(new ContentChecksum(3, expected));
        assertThat(new ContentChecksum(1, 0xabcL).hex()).isEqualTo("0000000000000abc");
        assertThat(new ContentChecksum(1, -1L).hex()).isEqualTo("ffffffffffffffff");
    }

    @Test
    void aDuplicatedPairChangesTheChecksumWhereXorWouldCancelIt() {
        ContentChecksum original = checksum("a\n", "b\n");
        ContentChecksum withPair = checksum("a\n", "b\n", "b\n", "b\n");
        ContentChecksum pairSwapped = checksum("a\na\nb\nb\n");
        ContentChecksum otherPair = checksum("c\nc\nb\nb\n");

        assertThat(xorOf("a\n", "b\n")).isEqualTo(xorOf("a\n", "b\n", "b\n", "b\n"));
        assertThat(xorOf("a\n", "a\n", "b\n", "b\n")).isEqualTo(xorOf("c\n", "c\n", "b\n", "b\n"));
        assertThat(withPair).isNotEqualTo(original);
        assertThat(otherPair.rows()).isEqualTo(pairSwapped.rows());
        assertThat(otherPair.sum()).isNotEqualTo(pairSwapped.sum());
    }

    @Test
    void zeroColumnRowsAreCountedAsEmptyLines() {
        ContentChecksum three = checksum("\n\n\n");
        assertThat(three.rows()).isEqualTo(3);
        assertThat(three).isNotEqualTo(checksum("\n\n"));
    }

    @Test
    void anEmptyStreamIsZeroRowsAndZeroSum() {
        assertThat(checksum()).isEqualTo(new ContentChecksum(0, 0));
        assertThat(checksum().describe()).isEqualTo("0000000000000000 (0 rows)");
    }

    @Test
    void aStreamEndingInsideARowIsAnError() {
        RowHashSum sum = new RowHashSum();
        sum.accept("1\ta\n2\t".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(sum::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a row");
    }

    /** What an XOR checksum of the same row hashes would give. */
    private static long xorOf(String... rows) {
        long x = 0;
        for (String row : rows) {
            try {
                x ^= RowHashSum.leading64(MessageDigest.getInstance("MD5").digest(row.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
        return x;
    }
}
