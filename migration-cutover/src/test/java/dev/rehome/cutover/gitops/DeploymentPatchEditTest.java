package dev.rehome.cutover.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import org.junit.jupiter.api.Test;

class DeploymentPatchEditTest {
    @Test
    void replacesALiteralValueKeepingNeighbours() {
        String before = """
                env:
                  - name: A
                    value: "1"
                  - name: BASKETBALL_DATABASE_URL  # old db
                    value: postgresql://basketball:hunter2@postgres:5432/basketball
                  - name: B
                    value: "2"
                """;
        String after = DeploymentPatchEdit.pointEnvAtSecret(before, "BASKETBALL_DATABASE_URL", "s", "url");
        assertThat(after).doesNotContain("hunter2").contains("""
                  - name: A
                    value: "1"
                """).contains("""
                    valueFrom:
                      secretKeyRef:
                        name: s
                        key: url
                  - name: B
                    value: "2"
                """);
    }

    @Test
    void isIdempotent() {
        String once = DeploymentPatchEdit.pointEnvAtSecret("- name: X\n  value: a\n", "X", "s", "k");
        assertThat(DeploymentPatchEdit.pointEnvAtSecret(once, "X", "s", "k")).isEqualTo(once);
    }

    @Test
    void refusesWhenTheVarIsMissing() {
        assertThatThrownBy(() -> DeploymentPatchEdit.pointEnvAtSecret("env: []\n", "X", "s", "k"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("'X'");
    }
}
