package dev.rehome.kubectl.provision;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.testkit.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Plays "exec in the CNPG primary's postgres container": runs the command locally against an embedded server
 * (PGHOST/PGPORT in the environment, superuser trust like the container's peer auth), and records every argv.
 */
final class LocalPsqlRunner implements CommandRunner {
    final List<List<String>> argvs = new CopyOnWriteArrayList<>();
    private final PostgresServer server;

    LocalPsqlRunner(PostgresServer server) {
        this.server = server;
    }

    @Override
    public RunningCommand start(CommandSpec spec) {
        argvs.add(spec.argv());
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
        pb.environment().put("PGHOST", server.host());
        pb.environment().put("PGPORT", String.valueOf(server.port()));
        try {
            Process p = pb.start();
            return new RunningCommand() {
                @Override
                public OutputStream stdin() {
                    return p.getOutputStream();
                }

                @Override
                public InputStream stdout() {
                    return p.getInputStream();
                }

                @Override
                public int waitFor(Duration timeout) {
                    try {
                        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                            p.destroyForcibly();
                            throw new OperationFailedException("psql timed out");
                        }
                        return p.exitValue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new OperationFailedException("interrupted", e);
                    }
                }

                @Override
                public String stderrTail() {
                    try {
                        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                }

                @Override
                public String where() {
                    return "locally";
                }

                @Override
                public void close() {
                    p.destroy();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "in the embedded server's 'pod'";
    }
}
