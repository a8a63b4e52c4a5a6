package dev.rehome.fleet.cli;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the password of an endpoint the way libpq users expect, and never from the command line: the endpoint's
 * password file if one was given, else {@code PGPASSWORD}, else the password file {@code PGPASSFILE} or
 * {@code ~/.pgpass} (ignored, with a warning, when group or others can read it, as libpq does). No password is
 * fine: the server may not ask for one. Thread-safe.
 */
final class PasswordResolver {
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, String> env;
    private final Path home;
    private final PrintStream warnings;

    PasswordResolver(Map<String, String> env, Path home, PrintStream warnings) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.warnings = warnings;
    }

    DatabaseEndpoint withPassword(DatabaseEndpoint endpoint, Optional<Path> passwordFile) {
        return endpoint.withPassword(resolve(endpoint, passwordFile));
    }

    Secret resolve(DatabaseEndpoint endpoint, Optional<Path> passwordFile) {
        if (passwordFile.isPresent()) {
            return fromFile(passwordFile.get());
        }
        String fromEnv = env.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Secret.of(fromEnv);
        }
        return fromPgPass(endpoint).orElse(Secret.empty());
    }

    private static Secret fromFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // a file written by `echo` ends with a newline that is not part of the password
            String password = text.replaceAll("\\R+\\z", "");
            if (password.isEmpty()) {
                throw new InvalidConfigurationException("password file " + file + " is empty");
            }
            return Secret.of(password);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read password file " + file + ": "
                    + e.getClass().getSimpleName() + "; check the path and its permissions");
        }
    }

    private Optional<Secret> fromPgPass(DatabaseEndpoint endpoint) {
        String custom = env.get("PGPASSFILE");
        Path file = custom == null || custom.isBlank() ? home.resolve(".pgpass") : Path.of(custom);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(TOO_OPEN::contains)) {
                warnings.println("rehome-fleet: warning: password file " + file
                        + " has group or world access and is ignored; run chmod 0600 on it");
                return Optional.empty();
            }
            return PgPassFile.parse(Files.readString(file, StandardCharsets.UTF_8)).lookup(endpoint);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } catch (IOException e) {
            warnings.println("rehome-fleet: warning: cannot read password file " + file + "; ignoring it");
            return Optional.empty();
        }
    }
}
