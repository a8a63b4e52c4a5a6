package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordResolverTest {
    private static final DatabaseEndpoint DB = DatabaseEndpoint.of("h", 5432, "d", "u", Secret.empty());

    @TempDir
    Path home;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @Test
    void aPasswordFileWinsOverPgpasswordAndLosesItsTrailingNewline() throws Exception {
        Path file = Files.writeString(home.resolve("pw"), "from-file\n");
        assertThat(resolver(Map.of("PGPASSWORD", "from-env")).resolve(DB, Optional.of(file)))
                .isEqualTo(Secret.of("from-file"));
    }

    @Test
    void pgpasswordWinsOverPgpass() throws Exception {
        pgpass(home.resolve(".pgpass"), "*:*:*:*:from-pgpass", "rw-------");
        assertThat(resolver(Map.of("PGPASSWORD", "from-env")).resolve(DB, Optional.empty()))
                .isEqualTo(Secret.of("from-env"));
    }

    @Test
    void pgpassfileNamesThePasswordFileToRead() throws Exception {
        Path custom = home.resolve("elsewhere");
        pgpass(custom, "h:5432:d:u:custom", "rw-------");
        pgpass(home.resolve(".pgpass"), "*:*:*:*:default", "rw-------");
        assertThat(resolver(Map.of("PGPASSFILE", custom.toString())).resolve(DB, Optional.empty()))
                .isEqualTo(Secret.of("custom"));
    }

    @Test
    void aPgpassOthersCanReadIsIgnoredWithAWarning() throws Exception {
        pgpass(home.resolve(".pgpass"), "*:*:*:*:too-open", "rw-r--r--");
        assertThat(resolver(Map.of()).resolve(DB, Optional.empty())).isEqualTo(Secret.empty());
        assertThat(warnings.toString()).contains("group or world access").doesNotContain("too-open");
    }

    @Test
    void anUnreadablePasswordFileIsAUsageError() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(DB, Optional.of(home.resolve("missing"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("missing");
    }

    private PasswordResolver resolver(Map<String, String> env) {
        return new PasswordResolver(env, home, new PrintStream(warnings, true));
    }

    private static void pgpass(Path file, String line, String perms) throws Exception {
        Files.writeString(file, line + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }
}
