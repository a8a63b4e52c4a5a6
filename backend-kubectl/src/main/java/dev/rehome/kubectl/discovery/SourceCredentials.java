package dev.rehome.kubectl.discovery;

import dev.rehome.core.Secret;
import dev.rehome.core.cutover.SourceLogin;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The login the source database was initialised with, and where each part came from (never the values).
 * {@code password} is a {@link Secret}, so this record can be logged. {@code otherLogins} are further logins the
 * image keeps apart from the app's (Bitnami's {@code postgres} superuser): the fence may need one of them.
 * {@code passwordVariable} is the container's env var that holds {@code password} ({@code POSTGRES_PASSWORD},
 * Bitnami's {@code POSTGRESQL_PASSWORD}, ...), so a program run in the pod can take it from there.
 */
public record SourceCredentials(String user, Secret password, String database, Map<String, String> origins,
                                List<SourceLogin> otherLogins, Optional<String> passwordVariable) {
    public SourceCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        origins = Map.copyOf(origins);
        otherLogins = List.copyOf(otherLogins);
        Objects.requireNonNull(passwordVariable, "passwordVariable");
    }

    /** The login above first, then the others. */
    public List<SourceLogin> logins() {
        List<SourceLogin> all = new java.util.ArrayList<>();
        all.add(new SourceLogin(user, password, origins.getOrDefault("password", "the source login")));
        all.addAll(otherLogins);
        return all;
    }
}
