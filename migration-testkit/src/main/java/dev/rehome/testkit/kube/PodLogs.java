package dev.rehome.testkit.kube;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What containers of fake pods printed, served on {@code pods/NAME/log}. Each pod keeps only its last
 * {@link #LIMIT} bytes, as a kubelet's log rotation would, so a chatty Job cannot fill the heap.
 */
final class PodLogs {
    static final int LIMIT = 256 * 1024;

    private final Map<String, byte[]> logs = new ConcurrentHashMap<>();

    void append(String namespace, String pod, byte[] data, int len) {
        logs.merge(namespace + "/" + pod, Arrays.copyOf(data, len), PodLogs::concatBounded);
    }

    /** The log, or its last {@code tailLines} lines when given. */
    String read(String namespace, String pod, Integer tailLines) {
        String text = new String(logs.getOrDefault(namespace + "/" + pod, new byte[0]), StandardCharsets.UTF_8);
        if (tailLines == null) {
            return text;
        }
        List<String> lines = text.lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - tailLines), lines.size());
        return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
    }

    boolean has(String namespace, String pod) {
        return logs.containsKey(namespace + "/" + pod);
    }

    private static byte[] concatBounded(byte[] old, byte[] more) {
        int total = old.length + more.length;
        int keep = Math.min(total, LIMIT);
        byte[] out = new byte[keep];
        int fromOld = Math.max(0, keep - more.length);
        System.arraycopy(old, old.length - fromOld, out, 0, fromOld);
        System.arraycopy(more, more.length - (keep - fromOld), out, fromOld, keep - fromOld);
        return out;
    }
}
