package dev.rehome.fleet.cli;

import dev.rehome.core.DatabaseEndpoint;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The two databases of a command and where their passwords come from; shared by copy and verify. */
final class EndpointOptions {
    @Option(names = "--source", paramLabel = "URL", converter = EndpointConverter.class,
            description = "Database to read: postgresql://user@host:port/dbname (no password in the URL).")
    DatabaseEndpoint source;

    @Option(names = "--target", paramLabel = "URL", converter = EndpointConverter.class,
            description = "Database to write or compare: postgresql://user@host:port/dbname.")
    DatabaseEndpoint target;

    @Option(names = "--source-password-file", paramLabel = "FILE",
            description = "File holding the source password (else PGPASSWORD, else ~/.pgpass).")
    Path sourcePasswordFile;

    @Option(names = "--target-password-file", paramLabel = "FILE",
            description = "File holding the target password (else PGPASSWORD, else ~/.pgpass).")
    Path targetPasswordFile;

    /** Both endpoints with their passwords; call after checking both URLs were given. */
    Endpoints resolve(CliContext context) {
        PasswordResolver passwords = new PasswordResolver(context.env(), context.home(), context.err());
        return new Endpoints(passwords.withPassword(source, Optional.ofNullable(sourcePasswordFile)),
                passwords.withPassword(target, Optional.ofNullable(targetPasswordFile)));
    }

    boolean complete() {
        return source != null && target != null;
    }

    /** A resolved pair. */
    record Endpoints(DatabaseEndpoint source, DatabaseEndpoint target) {
    }
}
