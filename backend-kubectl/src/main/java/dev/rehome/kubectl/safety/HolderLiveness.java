package dev.rehome.kubectl.safety;

import java.util.Objects;

/**
 * Whether the run that holds a lock still lives, when this process can tell: only for a holder on the same
 * machine (same process table), by its pid and start time. A holder elsewhere is {@link Answer#UNKNOWN}, and
 * then only its Lease's expiry frees the lock.
 */
@FunctionalInterface
public interface HolderLiveness {
    enum Answer { ALIVE, DEAD, UNKNOWN }

    Answer check(RunIdentity holder);

    /** Asks this machine's process table about holders on the same machine as {@code self}. */
    static HolderLiveness localProcesses(RunIdentity self) {
        Objects.requireNonNull(self, "self");
        return holder -> {
            if (!holder.machine().equals(self.machine())) {
                return Answer.UNKNOWN;
            }
            return ProcessHandle.of(holder.pid()).filter(ProcessHandle::isAlive)
                    .filter(p -> holder.started() < 0 || p.info().startInstant()
                            .map(s -> s.toEpochMilli() == holder.started()).orElse(true))
                    .map(p -> Answer.ALIVE).orElse(Answer.DEAD);
        };
    }

    /** Never knows: every claim lasts until its Lease expires. */
    static HolderLiveness unknown() {
        return holder -> Answer.UNKNOWN;
    }
}
