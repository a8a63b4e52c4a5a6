package dev.rehome.testkit.kube;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Processes started for exec sessions and kubelet Jobs, so closing the cluster leaves none behind. */
final class SessionRegistry {
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    void register(Process process) {
        running.add(process);
    }

    void unregister(Process process) {
        running.remove(process);
    }

    void killAll() {
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        running.clear();
    }
}
