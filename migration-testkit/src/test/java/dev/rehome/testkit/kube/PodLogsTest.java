package dev.rehome.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PodLogsTest {

    @Test
    void servesTheLastLinesAsTailLinesAsks() {
        PodLogs logs = new PodLogs();
        byte[] text = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        logs.append("ns", "job-x", text, text.length);
        assertThat(logs.read("ns", "job-x", 2)).isEqualTo("two\nthree\n");
        assertThat(logs.read("ns", "job-x", null)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void keepsABoundedTailOfAChattyPod() {
        PodLogs logs = new PodLogs();
        byte[] chunk = new byte[100_000];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 10; i++) {
            logs.append("ns", "p", chunk, chunk.length);
        }
        byte[] end = "the end\n".getBytes(StandardCharsets.UTF_8);
        logs.append("ns", "p", end, end.length);
        String all = logs.read("ns", "p", null);
        assertThat(all).hasSize(PodLogs.LIMIT).endsWith("the end\n");
    }
}
