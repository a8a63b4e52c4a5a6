package dev.rehome.jdbc.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseSettingsCopierTest {

    @Test
    void splitsListSettingsLikePostgresDoes() {
        assertThat(DatabaseSettingsCopier.splitList("\"$user\", public, \"My \"\"Schema\"\"\""))
                .containsExactly("$user", "public", "My \"Schema\"");
    }
}
