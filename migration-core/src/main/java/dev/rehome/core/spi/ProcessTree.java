package dev.rehome.core.spi;

import java.util.List;

/**
 * Kills a process and every process under it, the way a container's end takes all of them at once.
 *
 * <p>The parent dies first: a shell whose child was killed first goes on to its next command (and may exit 0)
 * before its own kill lands. Its children are listed before that, because once the parent is gone they belong to
 * init and are no longer found under it.
 */
public final class ProcessTree {
    private ProcessTree() {
    }

    /** Sends SIGKILL to {@code root} and then to each of its descendants; returns without waiting. */
    public static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** {@link #kill(ProcessHandle)} for a started {@link Process}. */
    public static void kill(Process root) {
        kill(root.toHandle());
    }
}
