package dev.rehome.kubectl.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PrimaryDataVolumeTest {
    @Test
    void readsTheAvailableColumnOfPosixDfInBytes() {
        String df = """
                Filesystem     1024-blocks    Used Available Capacity Mounted on
                /dev/longhorn/pvc-1  10218772 8123456   2095316      80% /var/lib/postgresql/data
                """;
        assertThat(PrimaryDataVolume.parse(df)).isEqualTo(OptionalLong.of(2095316L * 1024));
    }

    @Test
    void anythingElseIsUnknownRatherThanAGuess() {
        assertThat(PrimaryDataVolume.parse("")).isEmpty();
        assertThat(PrimaryDataVolume.parse("df: /nope: No such file or directory")).isEmpty();
        assertThat(PrimaryDataVolume.parse("Filesystem 1024-blocks Used Available Capacity Mounted on\nx y z w v u"))
                .isEmpty();
    }
}
