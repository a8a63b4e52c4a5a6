package dev.rehome.core.cutover;

import dev.rehome.core.Secret;
import java.util.Objects;

/**
 * A login rehome holds for the source server: the role, its password and where the password came from (for
 * messages, e.g. {@code "POSTGRESQL_POSTGRES_PASSWORD from Secret shop/db key postgres-password"}). The fence is
 * chosen from the logins at hand: a superuser can stop a superuser app, an owner can revoke CONNECT, the app's own
 * login can only rotate its password.
 */
public record SourceLogin(String role, Secret password, String origin) {
    public SourceLogin {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(origin, "origin");
    }
}
