package dev.rehome.jdbc.fence;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything secret a fence or a lift needs, all of it durable outside rehome's process: where the server is
 * ({@code server}: host, port, options, the fenced database; its user and password are not used), the logins
 * rehome found (their passwords live in the source's and the app's Secrets) and the fence secret (the migration
 * role's or the rotated password, which the caller stores in a Secret of its own before fencing).
 */
public record FenceCredentials(DatabaseEndpoint server, List<FenceLogin> logins, Secret fenceSecret) {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 32;

    public FenceCredentials {
        Objects.requireNonNull(server, "server");
        logins = List.copyOf(logins);
        Objects.requireNonNull(fenceSecret, "fenceSecret");
    }

    /** A fresh fence secret: 32 characters from {@code random} (~186 bits). */
    public static Secret newFenceSecret(SecureRandom random) {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        Secret secret = Secret.of(out);
        java.util.Arrays.fill(out, '\0');
        return secret;
    }

    public Optional<FenceLogin> login(String role) {
        return logins.stream().filter(l -> l.role().equals(role)).findFirst();
    }

    /** The endpoint of {@code role} with {@code password} on {@code database} of this server. */
    DatabaseEndpoint endpoint(String database, String role, Secret password) {
        return server.withDatabase(database).withUser(role).withPassword(password);
    }
}
