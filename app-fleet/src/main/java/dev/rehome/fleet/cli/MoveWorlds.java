package dev.rehome.fleet.cli;

import dev.rehome.cutover.fleet.FleetWorld;
import dev.rehome.cutover.fleet.KubernetesWorld;
import dev.rehome.sandbox.fleet.FleetSandbox;
import dev.rehome.kubectl.KubeClients;
import dev.rehome.kubectl.tls.TargetTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the world a move command runs in: the embedded fleet ({@code --sandbox}) or the kubeconfig's cluster. */
final class MoveWorlds {
    private MoveWorlds() {
    }

    static FleetWorld open(MoveOptions o, CliContext context) {
        if (o.sandbox) {
            Path work;
            try {
                work = Files.createTempDirectory("rehome-fleet-sandbox-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the sandbox directory", e);
            }
            context.err().println("sandbox: starting the seeded cluster API, PostgreSQL 15 for basketball-api, "
                    + "mcd-tracker and pal-e-mail, and PostgreSQL 17 as pal-e-postgres in " + work);
            // The embedded servers have no TLS: said here rather than pretending to verify anything.
            context.err().println("sandbox: TLS to the target: disabled (the embedded PostgreSQL servers have no TLS)"
                    + (o.targetTls == null ? "" : "; --target-tls " + o.targetTls + " applies to real clusters only"));
            return FleetSandbox.start(work, context.clock());
        }
        // The cutovers log their target with the mode; an opt-out is also said on the terminal, once.
        TargetTls.optOutNotice(o.targetTls()).ifPresent(context.err()::println);
        // A cluster that does not answer is exit 4 in one line here, not a client error in the first discovery.
        KubeClients clients = new KubeClients(context.env(), context.home());
        return new KubernetesWorld(clients.connectReachable(Optional.ofNullable(o.kubeconfig), Optional.ofNullable(o.context)),
                context.clock(), context.home().resolve(".rehome").resolve("journal"), o.targetTls());
    }
}
