package dev.rehome.testkit.kube;

import dev.rehome.core.spi.ProcessTree;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Processes started for exec sessions and kubelet Jobs, and the exec/port-forward sockets still open, so closing the
 * cluster leaves no process behind and no WebSocket for the mock server to wait on. Thread-safe.
 */
final class SessionRegistry {
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Set<ChannelWriter> sockets = ConcurrentHashMap.newKeySet();

    void register(Process process) {
        running.add(process);
    }

    void unregister(Process process) {
        running.remove(process);
    }

    void opened(ChannelWriter socket) {
        sockets.add(socket);
    }

    void closed(ChannelWriter socket) {
        sockets.remove(socket);
    }

    /** Kills every process, then closes every socket still open (1001: the server is going away). */
    void killAll() {
        for (Process p : running) {
            ProcessTree.kill(p);
        }
        running.clear();
        for (ChannelWriter socket : sockets) {
            socket.close(1001, "cluster stopping");
        }
        sockets.clear();
    }
}
