package dev.rehome.kubectl.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.FileJournal;
import dev.rehome.core.InMemoryJournal;
import dev.rehome.core.JournalState;
import dev.rehome.core.StepRecord;
import dev.rehome.core.StepStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirroredJournalTest {
    private static JournalState upTo(String step, String at) {
        return JournalState.empty("p").with(new StepRecord(step, StepStatus.SUCCEEDED, Instant.parse(at), ""));
    }

    @Test
    void writesBothAndReadsWhicheverSawTheLatestStep(@TempDir Path dir) {
        FileJournal local = new FileJournal(dir);
        InMemoryJournal cluster = new InMemoryJournal();
        MirroredJournal journal = new MirroredJournal(local, cluster);

        journal.write(upTo("preflight", "2026-11-26T12:00:00Z"));
        assertThat(local.read("p").succeeded("preflight")).isTrue();
        assertThat(cluster.read("p").succeeded("preflight")).isTrue();

        // Another machine carried on: only the cluster journal knows.
        cluster.write(upTo("preflight", "2026-11-26T12:00:00Z")
                .with(new StepRecord("copy", StepStatus.SUCCEEDED, Instant.parse("2026-11-26T12:10:00Z"), "")));
        assertThat(new MirroredJournal(local, cluster).read("p").succeeded("copy")).isTrue();

        // The local file is ahead (the cluster write failed after it): the local one wins.
        local.write(upTo("preflight", "2026-11-26T12:00:00Z")
                .with(new StepRecord("copy", StepStatus.SUCCEEDED, Instant.parse("2026-11-26T12:10:00Z"), ""))
                .with(new StepRecord("verify", StepStatus.RUNNING, Instant.parse("2026-11-26T12:20:00Z"), "")));
        assertThat(new MirroredJournal(local, cluster).read("p").step("verify")).isPresent();
    }
}
