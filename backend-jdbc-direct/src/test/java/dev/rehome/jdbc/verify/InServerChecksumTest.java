package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.TableRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class InServerChecksumTest {

    @Test
    void quotesEveryNameAndHashesTheRowOfTheGivenColumnsInTheGivenOrder() {
        String sql = InServerChecksum.sql(new TableRef("Mixed Case", "Order Items"), List.of("b\"x", "a"));

        assertThat(sql).isEqualTo("SELECT pg_catalog.count(*), pg_catalog.sum(pg_catalog.hashtextextended("
                + "ROW(\"b\"\"x\", \"a\")::pg_catalog.text COLLATE \"C\", " + InServerChecksum.SEED
                + ")) FROM ONLY \"Mixed Case\".\"Order Items\"");
    }

    @Test
    void aTableWithoutColumnsHashesTheEmptyRow() {
        assertThat(InServerChecksum.sql(new TableRef("public", "t"), List.of()))
                .contains("hashtextextended(ROW()::pg_catalog.text");
    }

    @Test
    void theExactSumIsReducedModuloTwoToThe64LikeAWrappingJavaSum() {
        long a = 0x7fff_ffff_ffff_fff0L;
        long b = 0x7fff_ffff_ffff_fff0L;
        long c = -5L;
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(a).add(BigInteger.valueOf(b)).add(BigInteger.valueOf(c)));

        assertThat(InServerChecksum.modulo64(exact)).isEqualTo(a + b + c);
        assertThat(InServerChecksum.modulo64(BigDecimal.valueOf(-1))).isEqualTo(-1L);
        assertThat(InServerChecksum.modulo64(new BigDecimal(BigInteger.ONE.shiftLeft(64)))).isZero();
    }
}
