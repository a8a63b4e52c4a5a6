package dev.rehome.kubectl.dump;

import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake at our own SPI boundary: each program (by name, or a psql query by {@code psql:<text in the query>}) answers
 * with scripted stdout, exit code and stderr, and may stop reading its stdin after some bytes. Records every spec.
 */
final class ScriptedRunner implements CommandRunner {
    record Script(byte[] stdout, int exit, String stderr, long readLimit) {
        static Script ok(String stdout) {
            return new Script(stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, "", Long.MAX_VALUE);
        }
    }

    final List<CommandSpec> started = new CopyOnWriteArrayList<>();
    private final Map<String, Script> scripts;

    ScriptedRunner(Map<String, Script> scripts) {
        this.scripts = scripts;
    }

    @Override
    public RunningCommand start(CommandSpec spec) {
        started.add(spec);
        String query = spec.argv().stream().filter(a -> a.startsWith("--command=")).findFirst().orElse("");
        Script script = scripts.entrySet().stream()
                .filter(e -> e.getKey().equals(spec.program())
                        || e.getKey().startsWith("psql:") && !query.isEmpty() && query.contains(e.getKey().substring(5)))
                .map(Map.Entry::getValue).findFirst().orElse(Script.ok(""));
        return new Scripted(spec.program(), script);
    }

    @Override
    public String describe() {
        return "scripted";
    }

    private static final class Scripted implements RunningCommand {
        private final String program;
        private final Script script;
        private long read;

        Scripted(String program, Script script) {
            this.program = program;
            this.script = script;
        }

        @Override
        public OutputStream stdin() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    read += len;
                    if (read > script.readLimit()) {
                        throw new IOException("Broken pipe");
                    }
                }
            };
        }

        @Override
        public InputStream stdout() {
            return new ByteArrayInputStream(script.stdout());
        }

        @Override
        public int waitFor(Duration timeout) {
            return script.exit();
        }

        @Override
        public String stderrTail() {
            return script.stderr();
        }

        @Override
        public String where() {
            return "in the script";
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return program;
        }
    }
}
