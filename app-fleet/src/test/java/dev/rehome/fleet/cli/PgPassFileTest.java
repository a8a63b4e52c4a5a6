package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import org.junit.jupiter.api.Test;

class PgPassFileTest {
    private static final DatabaseEndpoint SHOP = DatabaseEndpoint.of("db.example", 5433, "shop", "app", Secret.empty());

    @Test
    void theFirstMatchingLineWinsAndStarsMatchAnything() {
        PgPassFile file = PgPassFile.parse("""
                # comment
                other:5433:shop:app:not-this-host
                db.example:5433:*:app:first
                *:*:*:*:second
                """);
        assertThat(file.lookup(SHOP)).hasValue(Secret.of("first"));
        assertThat(file.lookup(SHOP.withUser("bob"))).hasValue(Secret.of("second"));
    }

    @Test
    void backslashEscapesColonsAndBackslashesInAnyField() {
        PgPassFile file = PgPassFile.parse("db.example:5433:sh\\:op:app:pa\\:ss\\\\word:with:colons\n");
        assertThat(file.lookup(SHOP.withDatabase("sh:op"))).hasValue(Secret.of("pa:ss\\word:with:colons"));
    }

    @Test
    void noMatchingLineGivesNothing() {
        assertThat(PgPassFile.parse("db.example:5432:shop:app:x\nbroken line\n").lookup(SHOP)).isEmpty();
    }
}
