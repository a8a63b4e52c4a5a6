package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.ErrorCode;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.Secret;
import dev.rehome.core.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiersTest {

    @Test
    void levelNoneChecksNothingAndConnectsNowhere() {
        DatabaseEndpoint nowhere = DatabaseEndpoint.of("host.invalid", 1, "db", "u", Secret.empty());
        assertThat(Verifiers.forLevel("none").verify(nowhere, nowhere).passed()).isTrue();
    }

    @Test
    void anUnknownLevelIsAUsageError() {
        assertThatThrownBy(() -> Verifiers.forLevel("most"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown verification level 'most'; use none, counts or full")
                .extracting(e -> ((InvalidConfigurationException) e).errorCode()).isEqualTo(ErrorCode.USAGE);
    }

    @Test
    void copyStatementQuotesEveryIdentifierAndReadsOnlyTheTableItself() {
        assertThat(CopyTextChecksum.copySql(new TableRef("Mixed Case", "Order \"Items\""), List.of("select", "ünï")))
                .isEqualTo("COPY (SELECT \"select\", \"ünï\" FROM ONLY \"Mixed Case\".\"Order \"\"Items\"\"\") TO STDOUT");
    }

    @Test
    void aZeroColumnTableIsReadAsEmptyRows() {
        assertThat(CopyTextChecksum.copySql(new TableRef("public", "empty_shape"), List.of()))
                .isEqualTo("COPY (SELECT FROM ONLY \"public\".\"empty_shape\") TO STDOUT");
    }
}
