package dev.rehome.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Catalogue case R-1, the decision: refuse when the copy would fill the shared cluster's volume. */
class TargetRoomTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aSourceNeedingMoreThanTheFreeSpaceIsRefusedNamingBothSizes() {
        assertThat(TargetRoom.refusal(600 * MIB, OptionalLong.of(1000 * MIB))).hasValueSatisfying(r ->
                assertThat(r).contains("1000 MiB free").contains("about 1200 MiB").contains("every database"));
    }

    @Test
    void roomEnoughOrUnknownDoesNotRefuseAndSaysWhichItIs() {
        assertThat(TargetRoom.refusal(400 * MIB, OptionalLong.of(1000 * MIB))).isEmpty();
        assertThat(TargetRoom.refusal(400 * MIB, OptionalLong.empty())).isEmpty();
        assertThat(TargetRoom.describe(400 * MIB, OptionalLong.empty())).contains("free space unknown");
        assertThat(TargetRoom.describe(400 * MIB, OptionalLong.of(1000 * MIB))).contains("1000 MiB free");
    }
}
