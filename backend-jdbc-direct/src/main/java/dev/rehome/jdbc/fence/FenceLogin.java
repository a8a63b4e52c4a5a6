package dev.rehome.jdbc.fence;

import dev.rehome.core.Secret;
import java.util.Objects;

/**
 * A login rehome holds for the source server: the role, its password (a {@link Secret}, so this record can be
 * logged) and where the password comes from (for messages: {@code "Secret basketball/postgres key
 * postgres-password"}). An empty password means the login relies on the server's trust/peer rules.
 */
public record FenceLogin(String role, Secret password, String origin) {
    public FenceLogin {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(origin, "origin");
        if (role.isBlank()) {
            throw new IllegalArgumentException("role must not be blank");
        }
    }
}
