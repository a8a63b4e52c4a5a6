package dev.rehome.jdbc.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FenceHandleTest {
    @Test
    void journalTextRoundTripsHostileIdentifiers() {
        String db = "shop \"db\";\nDROP DATABASE x; -- bıgınt";
        String app = "app role'%+ x";
        FenceHandle h = new FenceHandle("run 1", db, app, "postgres", "rehome_run_1", true, List.of(
                new FenceAction.CreateMigrationRole("rehome_run_1", true), new FenceAction.DisableLogin(app),
                new FenceAction.RevokePublicConnect(db), new FenceAction.RevokeRoleConnect(db, app),
                new FenceAction.RotatePassword(app), new FenceAction.TerminateSessions(db, List.of(app, "b"), "postgres")));

        String text = h.encode();

        assertThat(text).startsWith("rehome-fence/1\n").doesNotContain("DROP DATABASE x;");
        assertThat(FenceHandle.decode(text)).isEqualTo(h);
    }

    @Test
    void aForeignRecordIsAUsageErrorNotAGuess() {
        assertThatThrownBy(() -> FenceHandle.decode("something else\n")).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void migrationRoleNamesAreSafeAndFitAnIdentifier() {
        assertThat(FenceHandle.migrationRoleName("2026-12-03T07:00Z/Basketball")).isEqualTo("rehome_2026_12_03t07_00z_basketball");
        assertThat(FenceHandle.migrationRoleName("x".repeat(100))).hasSize(63);
    }
}
