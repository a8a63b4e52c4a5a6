package dev.rehome.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessTreeTest {
    @TempDir
    Path dir;

    /**
     * A shell killed after its child got to run its next command and exit 0 (JobServiceNetworkIT saw a deleted
     * Job's pod "Succeeded" so). The race is narrow, so it is run many times.
     */
    @Test
    void aShellDiesBeforeItsChildAndNeverRunsItsNextCommand() throws Exception {
        for (int i = 0; i < 25; i++) {
            Path next = dir.resolve("next-" + i);
            Process shell = new ProcessBuilder("sh", "-c", "sleep 30; echo ran > '" + next + "'").start();
            List<ProcessHandle> children = awaitDescendants(shell, 1);

            ProcessTree.kill(shell);

            assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue()).as("run %d: killed, not finished", i).isEqualTo(137);
            awaitGone(children);
            assertThat(next).as("run %d: the shell's next command", i).doesNotExist();
        }
    }

    @Test
    void grandchildrenDieToo() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sh -c 'sleep 30; true' & wait").start();
        List<ProcessHandle> all = awaitDescendants(shell, 2);

        ProcessTree.kill(shell);

        awaitGone(all);
    }

    /**
     * Waits until each of {@code processes} is dead: gone, or a zombie waiting for init to reap it (which takes
     * init here up to two seconds per process; {@code isAlive} and {@code onExit} count a zombie as running).
     */
    private static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
        for (int i = 0; i < 2000 && !processes.stream().allMatch(ProcessTreeTest::dead); i++) {
            Thread.sleep(5);
        }
        assertThat(processes).allMatch(ProcessTreeTest::dead, "dead");
    }

    private static boolean dead(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            // "pid (comm) S ...": the state follows the command name's closing parenthesis
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException gone) {
            return true;
        }
    }

    private static List<ProcessHandle> awaitDescendants(Process root, int count) throws InterruptedException {
        List<ProcessHandle> found = root.descendants().toList();
        // waiting on another process's fork: nothing to be notified by, so look again shortly
        for (int i = 0; i < 1000 && found.size() < count; i++) {
            Thread.sleep(5);
            found = root.descendants().toList();
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }
}
